// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {LibBit} from "solady/src/utils/LibBit.sol";

/// @title TickBitmap
/// @notice The set of non-empty price levels of one side, over ticks 0 … 2^24 − 1, as a three-level bitmap:
/// `leaf[t >> 8]` has bit `t & 255` per tick, `mid[t >> 16]` has a bit per non-empty leaf word, `top` a bit
/// per non-empty mid word. Finding the best tick, or the next one after a tick, reads at most 3 words
/// (5 for `next*` when it has to climb), whatever the number of empty ticks in between, so no one can make a
/// taker loop over empty prices. Tick 0 is never stored and doubles as "none".
library TickBitmap {
    /// @dev One bitmap word; mappings of it give storage pointers (the slot is hashed once per update).
    struct Bits {
        uint256 bits;
    }

    struct Map {
        uint256 top;
        mapping(uint256 => Bits) mid;
        mapping(uint256 => Bits) leaf;
    }

    /// @dev Largest tick that can be stored.
    uint256 internal constant MAX_TICK = (1 << 24) - 1;

    /// @notice Marks `tick` non-empty (1 SSTORE, 2–3 when a leaf or mid word was empty).
    function set(Map storage m, uint256 tick) internal {
        uint256 li = tick >> 8;
        Bits storage leaf = m.leaf[li];
        uint256 w = leaf.bits;
        if (w == 0) {
            uint256 mi = tick >> 16;
            Bits storage mid = m.mid[mi];
            uint256 mw = mid.bits;
            if (mw == 0) m.top |= 1 << mi;
            mid.bits = mw | (1 << (li & 0xff));
        }
        leaf.bits = w | (1 << (tick & 0xff));
    }

    /// @notice Marks `tick` empty.
    function clear(Map storage m, uint256 tick) internal {
        uint256 li = tick >> 8;
        Bits storage leaf = m.leaf[li];
        uint256 w = leaf.bits & ~(1 << (tick & 0xff));
        leaf.bits = w;
        if (w == 0) {
            uint256 mi = tick >> 16;
            Bits storage mid = m.mid[mi];
            uint256 mw = mid.bits & ~(1 << (li & 0xff));
            mid.bits = mw;
            if (mw == 0) m.top &= ~(1 << mi);
        }
    }

    /// @notice Lowest non-empty tick, or 0 when the side is empty.
    function lowest(Map storage m) internal view returns (uint256) {
        uint256 tw = m.top;
        if (tw == 0) return 0;
        uint256 li = (LibBit.ffs(tw) << 8) | LibBit.ffs(m.mid[LibBit.ffs(tw)].bits);
        return (li << 8) | LibBit.ffs(m.leaf[li].bits);
    }

    /// @notice Highest non-empty tick, or 0 when the side is empty.
    function highest(Map storage m) internal view returns (uint256) {
        uint256 tw = m.top;
        if (tw == 0) return 0;
        uint256 li = (LibBit.fls(tw) << 8) | LibBit.fls(m.mid[LibBit.fls(tw)].bits);
        return (li << 8) | LibBit.fls(m.leaf[li].bits);
    }

    /// @notice Lowest non-empty tick ≥ `tick`, or 0 if none.
    function nextAtOrAbove(Map storage m, uint256 tick) internal view returns (uint256) {
        if (tick > MAX_TICK) return 0;
        uint256 li = tick >> 8;
        uint256 w = m.leaf[li].bits >> (tick & 0xff);
        if (w != 0) return tick + LibBit.ffs(w);
        uint256 mi = tick >> 16;
        uint256 mw;
        unchecked {
            // Leaf words strictly above `li` in this mid word (2 << 255 wraps to 0, so the mask is then 0).
            mw = m.mid[mi].bits & ~((2 << (li & 0xff)) - 1);
            if (mw == 0) {
                uint256 tw = m.top & ~((2 << mi) - 1);
                if (tw == 0) return 0;
                mi = LibBit.ffs(tw);
                mw = m.mid[mi].bits;
            }
        }
        li = (mi << 8) | LibBit.ffs(mw);
        return (li << 8) | LibBit.ffs(m.leaf[li].bits);
    }

    /// @notice Highest non-empty tick ≤ `tick`, or 0 if none.
    function nextAtOrBelow(Map storage m, uint256 tick) internal view returns (uint256) {
        if (tick == 0) return 0;
        uint256 li = tick >> 8;
        uint256 w = m.leaf[li].bits << (255 - (tick & 0xff));
        if (w != 0) return tick - (255 - LibBit.fls(w));
        uint256 mi = tick >> 16;
        uint256 mw;
        unchecked {
            mw = m.mid[mi].bits & ((1 << (li & 0xff)) - 1);
            if (mw == 0) {
                uint256 tw = m.top & ((1 << mi) - 1);
                if (tw == 0) return 0;
                mi = LibBit.fls(tw);
                mw = m.mid[mi].bits;
            }
        }
        li = (mi << 8) | LibBit.fls(mw);
        return (li << 8) | LibBit.fls(m.leaf[li].bits);
    }
}
