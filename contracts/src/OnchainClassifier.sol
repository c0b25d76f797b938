// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Bridge} from "./Bridge.sol";
import {Poseidon2} from "./Poseidon2.sol";

/// @title A consumer of finalized models: integer inference on L1
/// @notice Runs a small multilayer perceptron (one model spec, fixed at
/// deployment) with the weights of a job the bridge finalized, exactly as
/// the executor predicts (spec/model.md#prediction): per layer
/// z = Sat(Shift(sum W*a + b*2^16, 16)), ReLU between layers, the class is
/// the index of the first largest logit. Weights are passed as calldata in
/// their packed form (spec/commitments.md#packing); load checks them once
/// against the bridge's commitment, after which predict only compares a
/// keccak256 of them.
contract OnchainClassifier {
    int256 internal constant MIN = -(int256(1) << 23);
    int256 internal constant MAX = (int256(1) << 23) - 1;
    uint256 internal constant OFFSET = 1 << 23;
    uint256 internal constant MASK = (1 << 24) - 1;
    uint256 internal constant PER_ELEMENT = 10;
    uint8 internal constant TAG_WEIGHTS = 2;
    uint8 internal constant TAG_MODEL = 3;
    uint8 internal constant SPEC_VERSION = 1;

    Bridge public immutable bridge;
    /// @notice ModelHash of this classifier's spec (spec/model.md#hash).
    uint256 public immutable modelHash;
    uint256 public immutable numParams;
    uint16[] internal widths;

    /// @notice keccak256 of the packed weights load checked, by job.
    mapping(uint32 => bytes32) public loaded;

    event ModelLoaded(uint32 indexed jobId, uint256 weights);

    error InvalidSpec(string reason);
    error NotFinalized(uint32 jobId);
    error WrongModel(uint256 modelHash, uint256 want);
    error ParamsMismatch(uint32 jobId);
    error WrongWeightCount(uint256 elements, uint256 want);
    error WeightsMismatch(uint32 jobId);
    error NotLoaded(uint32 jobId);
    error WrongInputWidth(uint256 width, uint256 want);
    error InputOutOfRange(uint256 index, int256 value);

    /// @param loss 1 softmax cross-entropy, 2 MSE (it only enters the hash)
    /// @param widths_ n_0 .. n_L (spec/model.md#limits)
    constructor(Bridge bridge_, uint8 loss, uint16[] memory widths_) {
        if (widths_.length < 2 || widths_.length > 17) revert InvalidSpec("2 to 17 widths");
        if (loss != 1 && loss != 2) revert InvalidSpec("loss must be 1 or 2");
        if (widths_[widths_.length - 1] < 2) revert InvalidSpec("at least 2 classes");
        uint256[] memory xs = new uint256[](4 + widths_.length);
        xs[0] = TAG_MODEL;
        xs[1] = SPEC_VERSION;
        xs[2] = loss;
        xs[3] = widths_.length;
        uint256 n;
        for (uint256 i = 0; i < widths_.length; i++) {
            if (widths_[i] == 0 || widths_[i] > 4096) revert InvalidSpec("widths from 1 to 4096");
            xs[4 + i] = widths_[i];
            if (i > 0) n += uint256(widths_[i]) * widths_[i - 1] + widths_[i];
        }
        if (n > 1 << 24) revert InvalidSpec("at most 2^24 parameters");
        bridge = bridge_;
        modelHash = Poseidon2.hash(xs);
        numParams = n;
        widths = widths_;
    }

    /// @notice Checks packed against the finalized weights commitment of
    /// jobId, whose parameters p must be of this classifier's model.
    function load(uint32 jobId, Bridge.JobParams calldata p, uint256[] calldata packed) external {
        Bridge.Model memory m = bridge.model(jobId);
        if (m.weights == 0) revert NotFinalized(jobId);
        uint256 mh = bridge.modelHash(p.model);
        if (mh != modelHash) revert WrongModel(mh, modelHash);
        if (bridge.paramsHash(p) != m.paramsHash) revert ParamsMismatch(jobId);
        uint256 want = (numParams + PER_ELEMENT - 1) / PER_ELEMENT;
        if (packed.length != want) revert WrongWeightCount(packed.length, want);
        uint256[] memory xs = new uint256[](packed.length + 1);
        xs[0] = TAG_WEIGHTS;
        for (uint256 i = 0; i < packed.length; i++) {
            xs[i + 1] = packed[i];
        }
        if (Poseidon2.hash(xs) != m.weights) revert WeightsMismatch(jobId);
        loaded[jobId] = keccak256(abi.encodePacked(packed));
        emit ModelLoaded(jobId, m.weights);
    }

    /// @notice The class the model of jobId (loaded with exactly packed)
    /// predicts for input (n_0 fixed-point values).
    function predict(uint32 jobId, uint256[] calldata packed, int256[] calldata input)
        external
        view
        returns (uint256 class)
    {
        bytes32 h = loaded[jobId];
        if (h == 0 || h != keccak256(abi.encodePacked(packed))) revert NotLoaded(jobId);
        if (input.length != widths[0]) revert WrongInputWidth(input.length, widths[0]);
        int256[] memory a = new int256[](input.length);
        for (uint256 k = 0; k < input.length; k++) {
            if (input[k] < MIN || input[k] > MAX) revert InputOutOfRange(k, input[k]);
            a[k] = input[k];
        }
        uint256 off; // offset of the layer's first parameter in layout order
        uint256 layers = widths.length - 1;
        for (uint256 l = 1; l <= layers; l++) {
            uint256 nIn = widths[l - 1];
            uint256 nOut = widths[l];
            a = _layer(packed, off, a, nOut, l < layers);
            off += nOut * nIn + nOut;
        }
        for (uint256 j = 1; j < a.length; j++) {
            if (a[j] > a[class]) class = j;
        }
    }

    /// @notice The widths n_0 .. n_L.
    function spec() external view returns (uint16[] memory) {
        return widths;
    }

    /// @dev One dense layer (spec/model.md#forward): W at off (nOut rows of
    /// a.length), then b.
    function _layer(uint256[] calldata packed, uint256 off, int256[] memory a, uint256 nOut, bool relu)
        internal
        pure
        returns (int256[] memory z)
    {
        uint256 nIn = a.length;
        z = new int256[](nOut);
        for (uint256 j = 0; j < nOut; j++) {
            int256 acc = _param(packed, off + nOut * nIn + j) << 16;
            uint256 row = off + j * nIn;
            for (uint256 k = 0; k < nIn; k++) {
                acc += _param(packed, row + k) * a[k];
            }
            int256 v = (acc + (1 << 15)) >> 16; // Shift(acc, 16): the arithmetic shift floors
            if (v < MIN) v = MIN;
            if (v > MAX) v = MAX;
            if (relu && v < 0) v = 0;
            z[j] = v;
        }
    }

    /// @dev Parameter i of the packed vector: u = 24 bits at slot i mod 10
    /// of element i / 10, v = u - 2^23.
    function _param(uint256[] calldata packed, uint256 i) internal pure returns (int256) {
        uint256 u = (packed[i / PER_ELEMENT] >> (24 * (i % PER_ELEMENT))) & MASK;
        return int256(u) - int256(OFFSET);
    }
}
