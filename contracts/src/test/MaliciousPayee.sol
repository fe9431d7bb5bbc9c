// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IWithdrawable {
    function withdraw() external;
}

/// @title MaliciousPayee
/// @notice Test-only payee that tries to withdraw again from inside the payment it receives.
/// @dev It records the revert data of the re-entrant call so a test can assert which guard stopped it.
contract MaliciousPayee {
    IWithdrawable private immutable _target;
    uint256 private _reentryAttempts;
    bytes private _reentryRevertData;
    uint256 private _received;

    constructor(IWithdrawable target) {
        _target = target;
    }

    /// @notice Starts the attack: withdraws this contract's balance from the target.
    function attack() external {
        _target.withdraw();
    }

    /// @notice Number of re-entrant withdrawals attempted.
    function reentryAttempts() external view returns (uint256) {
        return _reentryAttempts;
    }

    /// @notice Revert data of the last re-entrant withdrawal.
    function reentryRevertData() external view returns (bytes memory) {
        return _reentryRevertData;
    }

    /// @notice Total wei received.
    function received() external view returns (uint256) {
        return _received;
    }

    receive() external payable {
        _received += msg.value;
        if (_reentryAttempts == 0) {
            _reentryAttempts = 1;
            try _target.withdraw() {
                // Reaching here would mean the re-entry succeeded; the test then sees a double payment.
            } catch (bytes memory reason) {
                _reentryRevertData = reason;
            }
        }
    }
}
