// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title GasBurner
/// @notice Background demand for block space: a call that consumes a chosen amount of real gas while
/// costing the simulator almost no time, by expanding memory (cost 3·w + w²/512 gas for w words) instead
/// of looping. Congestion agents use it to fill blocks so the base fee and inclusion queues respond.
contract GasBurner {
    /// @notice Expands memory to `words` 32-byte words and returns; the gas used grows quadratically in `words`.
    function burn(uint256 words) external pure {
        assembly {
            if words { mstore(mul(sub(words, 1), 32), 1) }
        }
    }
}
