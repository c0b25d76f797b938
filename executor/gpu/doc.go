// Package gpu is the executor's GPU backend: training steps run as the
// kernels of package kernels on an NVIDIA GPU through gorgonia.org/cu,
// giving exactly the CPU executor's bits (spec/fixedpoint.md#determinism).
//
// Where it sits: executor.Config.Backend and executor.TrainConfig.Backend
// take a *Backend; `trainrollup-gpu` (make gpu-build) selects it with
// --executor gpu.
//
// Builds: Open, which talks to the GPU, exists only with the cuda build
// tag. gorgonia.org/cu's package initialisation exits the process when no
// GPU is present, so it is never linked into the default build. Everything
// else (the Stepper, which lays out device memory and launches the kernels)
// is in every build and is tested there on emu.Sim (the kernel source
// compiled as C) and emu.Interp (the committed PTX, interpreted); with
// the cuda tag the same tests run on a GPU (make gpu-check).
//
// Invariants:
//   - A Stepper's weights stay on the device between steps; Load and Store
//     are the only weight copies, Step uploads only the batch.
//   - All device buffers of a Stepper are one allocation, made once and
//     reused by every step.
//   - Kernels are launched in spec/model.md#step's order on one stream; a
//     layer's back_error reads its weights before its weight_update.
package gpu
