// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title LiveSeriesSet
/// @notice A set of up to 16 series ids (1 … 65535) packed in one word, 16 bits a lane, 0 = empty lane.
/// @dev One SLOAD reads the whole set, which is what keeps the vault's per-trade sweep over live series cheap.
/// Iterate with `for (uint256 w = set; w != 0; w >>= 16) { uint256 id = w & 0xffff; if (id == 0) continue; … }`.
library LiveSeriesSet {
    uint256 internal constant CAPACITY = 16;
    uint256 internal constant MAX_ID = 0xffff;
    uint256 private constant LANE = 0xffff;

    /// @notice The set with `id` in its first empty lane, and whether there was one; `id` must be in [1, MAX_ID].
    function insert(uint256 set, uint256 id) internal pure returns (uint256, bool) {
        unchecked {
            for (uint256 shift; shift < 256; shift += 16) {
                if ((set >> shift) & LANE == 0) return (set | (id << shift), true);
            }
        }
        return (set, false);
    }

    /// @notice The set without `id` (unchanged when absent).
    function remove(uint256 set, uint256 id) internal pure returns (uint256) {
        unchecked {
            for (uint256 shift; shift < 256; shift += 16) {
                if ((set >> shift) & LANE == id) return set & ~(LANE << shift);
            }
        }
        return set;
    }

    /// @notice Number of occupied lanes.
    function count(uint256 set) internal pure returns (uint256 n) {
        unchecked {
            for (; set != 0; set >>= 16) {
                if (set & LANE != 0) ++n;
            }
        }
    }
}
