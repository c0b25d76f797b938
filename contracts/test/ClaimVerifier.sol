// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// Test-only stand-in for the wrap verifier, for the bridge's unit tests:
/// it accepts exactly the 384-byte "proof" whose first word is the public
/// input, so a test that computes the claim's input independently checks
/// how the bridge assembles it. The real verifier with real proofs is
/// exercised by prover's TestRecursiveChainOnL1.
contract ClaimVerifier {
    error ProofInvalid();

    function verifyProof(bytes calldata proof, uint256[1] calldata input) external pure {
        require(proof.length == 384, "invalid proof length");
        if (uint256(bytes32(proof[0:32])) != input[0]) revert ProofInvalid();
    }
}
