// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title LevelLib
/// @notice Bit layout of the two storage words of the order book, handled as packed words (no memory
/// structs) because every cancel and post touches them and gas is the product.
///
/// Level word (one slot per side and tick), low bits first, 240 of 256 bits used:
///   tailPos  48  queue position after the last queued lot: lots ever posted at the level, minus the
///                unfilled lots of orders cancelled while last in the queue
///   filled   48  lots filled by takers at the level since it was created
///   holes    48  unfilled lots removed by cancels of orders that were not last in the queue
///   head     16  queue index of the oldest entry not yet retired (wraps at 2^16)
///   tail     16  queue index the next order gets (wraps at 2^16); tail − head ≤ 64 entries
///   holeMask 64  bit (index & 63) set while that queue entry is a hole record
/// Open lots at the level = tailPos − filled − holes. Every counter is ≤ tailPos < 2^48, so adding to one
/// in place never carries into the next field.
///
/// Order word (one slot per order id): maker (160) | start (48) | size (48). `start` is the queue position
/// of the order's first unclaimed lot and `size` its lots not yet claimed or cancelled; a claim moves
/// `start` forward past the claimed (always leading) lots. A hole record has maker 0 and size = the lots
/// its cancel removed.
library LevelLib {
    /// @notice A one-word storage cell: mappings of it give a storage pointer, so a read-modify-write
    /// computes the mapping slot once.
    struct Word {
        uint256 value;
    }

    uint256 internal constant MASK16 = 0xffff;
    uint256 internal constant MASK48 = (1 << 48) - 1;
    uint256 internal constant MASK64 = (1 << 64) - 1;

    uint256 internal constant FILLED_SHIFT = 48;
    uint256 internal constant HOLES_SHIFT = 96;
    uint256 internal constant HEAD_SHIFT = 144;
    uint256 internal constant TAIL_SHIFT = 160;
    uint256 internal constant MASK_SHIFT = 176;

    /// @notice Queue position after the last queued lot.
    function tailPos(uint256 w) internal pure returns (uint256) {
        return w & MASK48;
    }

    /// @notice Lots filled by takers.
    function filled(uint256 w) internal pure returns (uint256) {
        return (w >> FILLED_SHIFT) & MASK48;
    }

    /// @notice Unfilled lots removed from inside the queue.
    function holes(uint256 w) internal pure returns (uint256) {
        return (w >> HOLES_SHIFT) & MASK48;
    }

    /// @notice Index of the oldest unretired queue entry.
    function head(uint256 w) internal pure returns (uint256) {
        return (w >> HEAD_SHIFT) & MASK16;
    }

    /// @notice Index the next order gets.
    function tail(uint256 w) internal pure returns (uint256) {
        return (w >> TAIL_SHIFT) & MASK16;
    }

    /// @notice Hole-record flags by queue index modulo 64.
    function holeMask(uint256 w) internal pure returns (uint256) {
        return w >> MASK_SHIFT;
    }

    /// @notice Open (resting, unfilled) lots.
    function openLots(uint256 w) internal pure returns (uint256) {
        unchecked {
            return (w & MASK48) - ((w >> FILLED_SHIFT) & MASK48) - ((w >> HOLES_SHIFT) & MASK48);
        }
    }

    /// @notice Number of queue entries (live orders, hole records, finished orders not yet retired).
    function queued(uint256 w) internal pure returns (uint256) {
        unchecked {
            return (tail(w) - head(w)) & MASK16;
        }
    }

    /// @notice The word with its head index advanced past `idx` (the current head).
    function retire(uint256 w, uint256 idx) internal pure returns (uint256) {
        unchecked {
            return (w & ~(MASK16 << HEAD_SHIFT)) | (((idx + 1) & MASK16) << HEAD_SHIFT);
        }
    }

    /// @notice Packs an order word.
    function packOrder(address maker, uint256 start, uint256 size) internal pure returns (uint256) {
        return uint256(uint160(maker)) | (start << 160) | (size << 208);
    }
}
