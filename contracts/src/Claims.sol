// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title The claim an L1 proof makes (spec/proofs.md#claim)
/// @notice On rollup chain chainId, the step proofs of batches
/// firstBatch..lastBatch take the state root from rootBefore to rootAfter
/// and the running transaction digest from digestBefore to digestAfter. The
/// wrap proof's one public input is SHA-256 of the claim's 152-byte
/// encoding mod 2^253, recomputed here from the contract's own records.
library Claims {
    /// @notice The public input of a claim.
    function publicInput(
        uint64 chainId,
        uint64 firstBatch,
        uint64 lastBatch,
        uint256 rootBefore,
        uint256 rootAfter,
        uint256 digestBefore,
        uint256 digestAfter
    ) internal pure returns (uint256) {
        bytes32 h = sha256(abi.encodePacked(chainId, firstBatch, lastBatch, rootBefore, rootAfter, digestBefore, digestAfter));
        return uint256(h) & ((uint256(1) << 253) - 1);
    }
}
