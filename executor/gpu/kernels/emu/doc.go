// Package emu holds two kernels.Devices that run the GPU kernels on the
// CPU: Sim runs their source (kernels.cu) compiled as C, Interp executes
// the committed PTX (kernels.PTX) itself.
//
// They make the kernels testable on any machine: package gpu's tests run
// the GPU stepper on both, bit for bit against the CPU executor, in every
// build; with the cuda tag the same tests run on a GPU. What only a GPU
// host can test is the driver's compilation of the PTX and the GPU.
//
// sim.c includes ../kernels.cu. Go's build cache does not track C files
// included from outside a package's directory, but this package imports
// package kernels, which embeds kernels.cu: a change to the source changes
// package kernels and so rebuilds this one.
package emu
