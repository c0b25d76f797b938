// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Claims} from "../src/Claims.sol";
import {Poseidon2} from "../src/Poseidon2.sol";

/// Test-only entry points to the internal libraries (compiled by the
/// tests, never deployed for real).
contract Poseidon2Harness {
    function compress(uint256 l, uint256 r) external pure returns (uint256) {
        return Poseidon2.compress(l, r);
    }

    function hash(uint256[] memory xs) external pure returns (uint256) {
        return Poseidon2.hash(xs);
    }

    function rootFromPath(uint256 leaf, uint256 key, uint256[] memory siblings) external pure returns (uint256) {
        return Poseidon2.rootFromPath(leaf, key, siblings);
    }
}

contract ClaimsHarness {
    function publicInput(
        uint64 chainId,
        uint64 firstBatch,
        uint64 lastBatch,
        uint256 rootBefore,
        uint256 rootAfter,
        uint256 digestBefore,
        uint256 digestAfter
    ) external pure returns (uint256) {
        return Claims.publicInput(chainId, firstBatch, lastBatch, rootBefore, rootAfter, digestBefore, digestAfter);
    }
}
