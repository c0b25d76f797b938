// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// Test-only account that acts on the bridge through exec (as a requester,
/// an operator or a reporter) and, when paid, tries once to call the
/// bridge again with reenter's calldata. Whether that inner call succeeded
/// is recorded, and its failure does not fail the payment.
contract ReentrantAccount {
    address public immutable target;
    bytes public reenter;
    bool public attempted;
    bool public reentered;
    uint256 public received;

    constructor(address target_) {
        target = target_;
    }

    function setReenter(bytes calldata data) external {
        reenter = data;
        attempted = false;
    }

    function exec(bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: msg.value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    receive() external payable {
        received += msg.value;
        if (reenter.length == 0 || attempted) return;
        attempted = true;
        (bool ok,) = target.call(reenter);
        if (ok) reentered = true;
    }
}
