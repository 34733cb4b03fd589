// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {LibBit} from "solady/src/utils/LibBit.sol";
import {IOrderBook} from "../interfaces/IOrderBook.sol";
import {TickBitmap} from "./TickBitmap.sol";
import {LevelLib} from "./LevelLib.sol";

/// @title OrderBook
/// @notice Central limit order book with claim-later fills (see docs/order-book.md).
///
/// Each price level is a FIFO queue measured in lots. An order occupies the queue positions
/// [start, start + size) it was given when posted; takers only add to the level's `filled` counter, counted
/// in live lots (lots that were not cancelled). A cancel inside the queue leaves a hole: the level adds the
/// removed lots to `holes` and keeps a hole record in the cancelled order's slot, flagged in `holeMask`.
/// The live lots ahead of an order are `start − (holes of entries ahead of it)`, and
///   holes ahead = level.holes − Σ hole records behind it,
/// so an order's filled lots are `clamp(filled − (start − holesAhead), 0, size)`. Only hole records still in
/// the level's 64-entry queue window are read, so every maker operation is bounded and a taker's is O(1)
/// per level.
///
/// Self-trade rule: allowed. A taker fills levels, not orders, so it cannot know whose lots it takes; a self
/// trade simply moves the account's own tokens through escrow (there are no fees, so it costs only gas).
/// Posts are post-only, so a self trade needs an explicit `take`.
contract OrderBook is IOrderBook {
    using TickBitmap for TickBitmap.Map;

    /// @inheritdoc IOrderBook
    uint256 public constant LEVEL_CAPACITY = 64;
    /// @inheritdoc IOrderBook
    uint256 public constant MAX_TAKE_LEVELS = 64;
    /// @inheritdoc IOrderBook
    uint256 public constant MAX_DEPTH_LEVELS = 256;

    uint256 private constant ASK_BIT = 1 << 24;
    uint256 private constant MASK128 = (1 << 128) - 1;

    /// @inheritdoc IOrderBook
    address public immutable base;
    /// @inheritdoc IOrderBook
    address public immutable quote;
    /// @inheritdoc IOrderBook
    uint256 public immutable tickSize;
    /// @inheritdoc IOrderBook
    uint256 public immutable lotSize;

    // Each mapping holds a one-word struct so a read-modify-write hashes the key once (a storage pointer).
    /// @dev (isAsk << 24 | tick) => packed level (LevelLib).
    mapping(uint256 => LevelLib.Word) private _levels;
    /// @dev orderId => packed order (LevelLib); zero once the order is finished.
    mapping(uint256 => LevelLib.Word) private _orders;
    /// @dev account => free base (low 128 bits) | free quote (high 128 bits).
    mapping(address => LevelLib.Word) private _balances;
    TickBitmap.Map private _bids;
    TickBitmap.Map private _asks;

    /// @dev Reentrancy flag in transient storage (EIP-1153): ~200 gas per guarded call, cleared on exit.
    bool private transient _entered;

    modifier nonReentrant() {
        if (_entered) revert Reentrancy();
        _entered = true;
        _;
        _entered = false;
    }

    constructor(address base_, address quote_, uint256 tickSize_, uint256 lotSize_) {
        if (
            base_ == address(0) || quote_ == address(0) || base_ == quote_ || tickSize_ == 0 || lotSize_ == 0
                || tickSize_ > MASK128 || lotSize_ > MASK128
        ) revert InvalidMarket(base_, quote_, tickSize_, lotSize_);
        base = base_;
        quote = quote_;
        tickSize = tickSize_;
        lotSize = lotSize_;
    }

    // ───────────────────────────── maker entry points ─────────────────────────────

    /// @inheritdoc IOrderBook
    function post(bool isAsk, uint24 tick, uint48 lots) external nonReentrant returns (uint256 orderId) {
        orderId = _post(isAsk, tick, lots);
        (uint256 baseIn, uint256 quoteIn) = _escrow(isAsk, tick, lots);
        _settle(msg.sender, 0, 0, baseIn, quoteIn);
    }

    /// @inheritdoc IOrderBook
    /// @dev No external call happens here (proceeds go to the free balance), so no reentrancy guard is needed.
    function cancel(uint256 orderId) external returns (uint256 unfilledLots, uint256 claimedLots) {
        uint256 baseOut;
        uint256 quoteOut;
        (unfilledLots, claimedLots, baseOut, quoteOut) = _cancel(orderId);
        _credit(msg.sender, baseOut, quoteOut);
    }

    /// @inheritdoc IOrderBook
    function replace(uint256 orderId, uint24 tick, uint48 lots) external nonReentrant returns (uint256 newOrderId) {
        (,, uint256 baseOut, uint256 quoteOut) = _cancel(orderId);
        bool isAsk = (orderId >> 40) & 1 == 1;
        newOrderId = _post(isAsk, tick, lots);
        (uint256 baseIn, uint256 quoteIn) = _escrow(isAsk, tick, lots);
        _settle(msg.sender, baseOut, quoteOut, baseIn, quoteIn);
    }

    /// @inheritdoc IOrderBook
    function requote(uint256[] calldata cancelIds, NewOrder[] calldata orders)
        external
        nonReentrant
        returns (uint256[] memory orderIds)
    {
        uint256 baseOut;
        uint256 quoteOut;
        for (uint256 i; i < cancelIds.length; ++i) {
            (,, uint256 b, uint256 q) = _cancel(cancelIds[i]);
            baseOut += b;
            quoteOut += q;
        }
        uint256 baseIn;
        uint256 quoteIn;
        orderIds = new uint256[](orders.length);
        for (uint256 i; i < orders.length; ++i) {
            NewOrder calldata o = orders[i];
            orderIds[i] = _post(o.isAsk, o.tick, o.lots);
            (uint256 b, uint256 q) = _escrow(o.isAsk, o.tick, o.lots);
            baseIn += b;
            quoteIn += q;
        }
        _settle(msg.sender, baseOut, quoteOut, baseIn, quoteIn);
    }

    /// @inheritdoc IOrderBook
    function claim(uint256[] calldata orderIds) external returns (uint256 baseAmount, uint256 quoteAmount) {
        for (uint256 i; i < orderIds.length; ++i) {
            uint256 orderId = orderIds[i];
            LevelLib.Word storage order = _orders[orderId];
            uint256 ow = order.value;
            _checkMaker(orderId, ow);
            uint256 lk = orderId >> 16;
            uint256 start = (ow >> 160) & LevelLib.MASK48;
            uint256 size = ow >> 208;
            uint256 filledLots = _filledOf(_levels[lk].value, lk, orderId & LevelLib.MASK16, start, size);
            if (filledLots == 0) continue;
            // The filled part is always the front of the order's range: move the start past it.
            order.value =
                filledLots == size ? 0 : LevelLib.packOrder(msg.sender, start + filledLots, size - filledLots);
            (uint256 b, uint256 q) = _proceeds(lk, filledLots);
            baseAmount += b;
            quoteAmount += q;
            emit OrderClaimed(orderId, filledLots);
        }
        _credit(msg.sender, baseAmount, quoteAmount);
    }

    // ───────────────────────────── taker entry point ─────────────────────────────

    /// @inheritdoc IOrderBook
    function take(bool isBuy, uint24 limitTick, uint48 lots, uint256 maxLevels, bool fillOrKill)
        external
        nonReentrant
        returns (uint256 filledLots, uint256 quoteAmount)
    {
        if (lots == 0) revert ZeroLots();
        if (maxLevels == 0 || maxLevels > MAX_TAKE_LEVELS) revert InvalidMaxLevels(maxLevels, MAX_TAKE_LEVELS);
        (uint256 remaining, uint256 quoteTicks) = _takeLevels(isBuy, limitTick, lots, maxLevels);
        filledLots = lots - remaining;
        if (fillOrKill && remaining != 0) revert FillOrKillNotFilled(lots, filledLots);
        if (filledLots == 0) return (0, 0);
        quoteAmount = quoteTicks * tickSize;
        uint256 baseAmount = filledLots * lotSize;
        if (isBuy) {
            SafeTransferLib.safeTransferFrom(quote, msg.sender, address(this), quoteAmount);
            SafeTransferLib.safeTransfer(base, msg.sender, baseAmount);
        } else {
            SafeTransferLib.safeTransferFrom(base, msg.sender, address(this), baseAmount);
            SafeTransferLib.safeTransfer(quote, msg.sender, quoteAmount);
        }
    }

    /// @dev Fills up to `lots` from the best levels of the opposite side, one aggregate word per level:
    /// returns the lots left unfilled and Σ lots·tick over the fills.
    function _takeLevels(bool isBuy, uint256 limitTick, uint256 lots, uint256 maxLevels)
        private
        returns (uint256 remaining, uint256 quoteTicks)
    {
        TickBitmap.Map storage book = isBuy ? _asks : _bids;
        uint256 sideBit = isBuy ? ASK_BIT : 0;
        uint256 tick = isBuy ? book.lowest() : book.highest();
        remaining = lots;
        uint256 visited;
        while (tick != 0) {
            if (isBuy ? tick > limitTick : tick < limitTick) break;
            LevelLib.Word storage level = _levels[sideBit | tick];
            uint256 w = level.value;
            uint256 open = LevelLib.openLots(w);
            uint256 x = open < remaining ? open : remaining;
            // filled + x ≤ tailPos < 2^48, so adding into the packed field cannot carry.
            level.value = w + (x << LevelLib.FILLED_SHIFT);
            emit Fill(msg.sender, isBuy, uint24(tick), x);
            quoteTicks += x * tick;
            remaining -= x;
            if (x < open) break; // level partly taken, so the order is complete
            book.clear(tick);
            if (remaining == 0 || ++visited == maxLevels) break;
            tick = isBuy ? book.nextAtOrAbove(tick + 1) : book.nextAtOrBelow(tick - 1);
        }
    }

    // ───────────────────────────── free balance ─────────────────────────────

    /// @inheritdoc IOrderBook
    function deposit(uint128 baseAmount, uint128 quoteAmount) external nonReentrant {
        _credit(msg.sender, baseAmount, quoteAmount);
        if (baseAmount != 0) SafeTransferLib.safeTransferFrom(base, msg.sender, address(this), baseAmount);
        if (quoteAmount != 0) SafeTransferLib.safeTransferFrom(quote, msg.sender, address(this), quoteAmount);
        emit Deposited(msg.sender, baseAmount, quoteAmount);
    }

    /// @inheritdoc IOrderBook
    function withdraw(uint128 baseAmount, uint128 quoteAmount) external nonReentrant {
        LevelLib.Word storage balance = _balances[msg.sender];
        uint256 bal = balance.value;
        uint256 freeBase = bal & MASK128;
        uint256 freeQuote = bal >> 128;
        if (baseAmount > freeBase) revert InsufficientBalance(true, freeBase, baseAmount);
        if (quoteAmount > freeQuote) revert InsufficientBalance(false, freeQuote, quoteAmount);
        balance.value = (freeBase - baseAmount) | ((freeQuote - quoteAmount) << 128);
        if (baseAmount != 0) SafeTransferLib.safeTransfer(base, msg.sender, baseAmount);
        if (quoteAmount != 0) SafeTransferLib.safeTransfer(quote, msg.sender, quoteAmount);
        emit Withdrawn(msg.sender, baseAmount, quoteAmount);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IOrderBook
    function bestBid() external view returns (uint24 tick, uint256 lots) {
        tick = uint24(_bids.highest());
        if (tick != 0) lots = LevelLib.openLots(_levels[tick].value);
    }

    /// @inheritdoc IOrderBook
    function bestAsk() external view returns (uint24 tick, uint256 lots) {
        tick = uint24(_asks.lowest());
        if (tick != 0) lots = LevelLib.openLots(_levels[ASK_BIT | tick].value);
    }

    /// @inheritdoc IOrderBook
    /// @dev `maxLevels` above `MAX_DEPTH_LEVELS` is treated as `MAX_DEPTH_LEVELS`.
    function depth(bool isAsk, uint256 maxLevels) external view returns (uint24[] memory ticks, uint256[] memory lots) {
        if (maxLevels > MAX_DEPTH_LEVELS) maxLevels = MAX_DEPTH_LEVELS;
        ticks = new uint24[](maxLevels);
        lots = new uint256[](maxLevels);
        TickBitmap.Map storage book = isAsk ? _asks : _bids;
        uint256 tick = isAsk ? book.lowest() : book.highest();
        uint256 n;
        while (tick != 0 && n < maxLevels) {
            ticks[n] = uint24(tick);
            lots[n] = LevelLib.openLots(_levels[(isAsk ? ASK_BIT : 0) | tick].value);
            ++n;
            tick = isAsk ? book.nextAtOrAbove(tick + 1) : book.nextAtOrBelow(tick - 1);
        }
        assembly ("memory-safe") {
            mstore(ticks, n)
            mstore(lots, n)
        }
    }

    /// @inheritdoc IOrderBook
    function levelOf(bool isAsk, uint24 tick) external view returns (uint256 openLots, uint256 queuedOrders) {
        uint256 w = _levels[(isAsk ? ASK_BIT : 0) | tick].value;
        return (LevelLib.openLots(w), LevelLib.queued(w));
    }

    /// @inheritdoc IOrderBook
    function getOrder(uint256 orderId) external view returns (OrderView memory v) {
        v.isAsk = (orderId >> 40) & 1 == 1;
        v.tick = uint24(orderId >> 16);
        uint256 ow = _orders[orderId].value;
        address maker = address(uint160(ow));
        if (maker == address(0)) return v;
        uint256 lk = orderId >> 16;
        uint256 size = ow >> 208;
        uint256 filledLots = _filledOf(_levels[lk].value, lk, orderId & LevelLib.MASK16, (ow >> 160) & LevelLib.MASK48, size);
        v.maker = maker;
        v.openLots = size - filledLots;
        v.claimableLots = filledLots;
    }

    /// @inheritdoc IOrderBook
    function freeBalanceOf(address account) external view returns (uint256 baseAmount, uint256 quoteAmount) {
        uint256 bal = _balances[account].value;
        return (bal & MASK128, bal >> 128);
    }

    /// @inheritdoc IOrderBook
    function quoteFor(uint24 tick, uint256 lots) external view returns (uint256) {
        return lots * tick * tickSize;
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Queues an order at the tail of its level (escrow is the caller's job).
    function _post(bool isAsk, uint24 tick, uint48 lots) private returns (uint256 orderId) {
        if (lots == 0) revert ZeroLots();
        if (tick == 0) revert InvalidTick(tick);
        uint256 lk;
        if (isAsk) {
            uint256 bb = _bids.highest();
            if (bb >= tick) revert WouldCross(true, tick, bb);
            lk = ASK_BIT | tick;
        } else {
            uint256 ba = _asks.lowest();
            if (ba != 0 && ba <= tick) revert WouldCross(false, tick, ba);
            lk = tick;
        }
        LevelLib.Word storage level = _levels[lk];
        uint256 w = level.value;
        if (LevelLib.queued(w) == LEVEL_CAPACITY) w = _retireHead(w, lk);
        uint256 tailPos = LevelLib.tailPos(w);
        if (tailPos + lots > LevelLib.MASK48) revert LevelOverflow(isAsk, tick);
        orderId = (lk << 16) | LevelLib.tail(w);
        _orders[orderId].value = LevelLib.packOrder(msg.sender, tailPos, lots);
        bool wasEmpty = LevelLib.openLots(w) == 0;
        unchecked {
            // tailPos + lots < 2^48 (checked above); the tail index wraps within its 16 bits.
            w = (w & ~((LevelLib.MASK16 << LevelLib.TAIL_SHIFT) | LevelLib.MASK48))
                | ((((orderId + 1) & LevelLib.MASK16)) << LevelLib.TAIL_SHIFT) | (tailPos + lots);
        }
        level.value = w;
        if (wasEmpty) (isAsk ? _asks : _bids).set(tick);
        emit OrderPosted(orderId, msg.sender, isAsk, tick, lots);
    }

    /// @dev Cancels the caller's order, returning the credits owed to it (escrow of unfilled lots plus the
    /// proceeds of filled ones). Three cases keep the queue compact: the last entry shrinks `tailPos`, the
    /// head entry retires at once, any other one with unfilled lots becomes a hole record.
    function _cancel(uint256 orderId)
        private
        returns (uint256 unfilledLots, uint256 claimedLots, uint256 baseOut, uint256 quoteOut)
    {
        LevelLib.Word storage order = _orders[orderId];
        uint256 ow = order.value;
        if (address(uint160(ow)) != msg.sender) _revertNotMaker(orderId, ow);
        uint256 lk = orderId >> 16;
        uint256 idx = orderId & LevelLib.MASK16;
        LevelLib.Word storage level = _levels[lk];
        uint256 w = level.value;
        unchecked {
            uint256 size = ow >> 208;
            claimedLots = _filledOf(w, lk, idx, (ow >> 160) & LevelLib.MASK48, size);
            unfilledLots = size - claimedLots;
            // Counters stay ≤ tailPos < 2^48, so the in-place adds and subtractions below cannot carry.
            uint256 head = (w >> LevelLib.HEAD_SHIFT) & LevelLib.MASK16;
            if (idx == (((w >> LevelLib.TAIL_SHIFT) - 1) & LevelLib.MASK16)) {
                // Nothing queues behind it: drop its unfilled lots from the end of the queue.
                w -= unfilledLots;
                order.value = 0;
                if (idx == head) w = LevelLib.retire(w, idx);
            } else if (idx == head) {
                // Oldest entry: retire it now; its unfilled lots become a hole ahead of everyone.
                w = LevelLib.retire(w + (unfilledLots << LevelLib.HOLES_SHIFT), idx);
                order.value = 0;
            } else if (unfilledLots == 0) {
                order.value = 0;
            } else {
                w = (w + (unfilledLots << LevelLib.HOLES_SHIFT)) | (1 << (LevelLib.MASK_SHIFT + (idx & 63)));
                order.value = unfilledLots << 208; // hole record: maker 0, size = hole
            }
            level.value = w;
            uint256 tick = lk & TickBitmap.MAX_TICK;
            if (lk & ASK_BIT != 0) {
                if (unfilledLots != 0 && LevelLib.openLots(w) == 0) _asks.clear(tick);
                // lots < 2^48, tick < 2^24, tickSize and lotSize ≤ 2^128: products < 2^200.
                (baseOut, quoteOut) = (unfilledLots * lotSize, claimedLots * tick * tickSize);
            } else {
                if (unfilledLots != 0 && LevelLib.openLots(w) == 0) _bids.clear(tick);
                (baseOut, quoteOut) = (claimedLots * lotSize, unfilledLots * tick * tickSize);
            }
        }
        emit OrderCancelled(orderId, unfilledLots);
        if (claimedLots != 0) emit OrderClaimed(orderId, claimedLots);
    }

    /// @dev Frees one queue entry of a full level by retiring its head: a hole record or finished entry
    /// goes away; a fully filled order is claimed for its maker first; an order with open lots cannot go,
    /// so the post reverts with `LevelFull`. Returns the updated level word.
    function _retireHead(uint256 w, uint256 lk) private returns (uint256) {
        uint256 head = LevelLib.head(w);
        uint256 headId = (lk << 16) | head;
        LevelLib.Word storage order = _orders[headId];
        uint256 ow = order.value;
        if (ow != 0) {
            address maker = address(uint160(ow));
            if (maker == address(0)) {
                w &= ~(1 << (LevelLib.MASK_SHIFT + (head & 63)));
            } else {
                uint256 size = ow >> 208;
                uint256 filledLots = _filledOf(w, lk, head, (ow >> 160) & LevelLib.MASK48, size);
                if (filledLots < size) revert LevelFull(lk & ASK_BIT != 0, lk & TickBitmap.MAX_TICK, headId);
                (uint256 b, uint256 q) = _proceeds(lk, filledLots);
                _credit(maker, b, q);
                emit OrderClaimed(headId, filledLots);
            }
            order.value = 0;
        }
        return LevelLib.retire(w, head);
    }

    /// @dev Filled, unclaimed lots of the order at queue index `idx` with range [start, start + size):
    /// clamp(filled − liveAhead, 0, size), where liveAhead = start − holes ahead of it and
    /// holes ahead = level holes − hole records behind it (holes of retired entries are all ahead).
    function _filledOf(uint256 w, uint256 lk, uint256 idx, uint256 start, uint256 size)
        private
        view
        returns (uint256)
    {
        uint256 holesAhead = LevelLib.holes(w);
        if (LevelLib.holeMask(w) != 0) holesAhead -= _holesBehind(w, lk, idx);
        uint256 liveAhead = start - holesAhead;
        uint256 filledLots = LevelLib.filled(w);
        if (filledLots <= liveAhead) return 0;
        unchecked {
            uint256 f = filledLots - liveAhead;
            return f < size ? f : size;
        }
    }

    /// @dev Sum of the hole records queued after index `idx` (one SLOAD per such record, at most 63).
    function _holesBehind(uint256 w, uint256 lk, uint256 idx) private view returns (uint256 sum) {
        unchecked {
            uint256 mask = LevelLib.holeMask(w);
            uint256 n = (LevelLib.tail(w) - idx - 1) & LevelLib.MASK16; // entries behind idx, < 64
            uint256 r = (idx + 1) & 63;
            // Rotate the 64-bit mask so bit 0 is entry idx + 1, then keep the n entries behind idx.
            uint256 m = ((mask >> r) | (mask << (64 - r))) & ((1 << n) - 1);
            while (m != 0) {
                sum += _orders[(lk << 16) | ((idx + 1 + LibBit.ffs(m)) & LevelLib.MASK16)].value >> 208;
                m &= m - 1;
            }
        }
    }

    /// @dev Raw (base, quote) a maker receives for `lots` filled at level `lk` (exact, see _cancel).
    function _proceeds(uint256 lk, uint256 lots) private view returns (uint256 baseAmount, uint256 quoteAmount) {
        unchecked {
            if (lk & ASK_BIT != 0) quoteAmount = lots * (lk & TickBitmap.MAX_TICK) * tickSize;
            else baseAmount = lots * lotSize;
        }
    }

    /// @dev Raw (base, quote) an order escrows: an ask sells base, a bid pays quote (exact, see _cancel).
    function _escrow(bool isAsk, uint256 tick, uint256 lots) private view returns (uint256, uint256) {
        unchecked {
            if (isAsk) return (lots * lotSize, 0);
            return (0, lots * tick * tickSize);
        }
    }

    /// @dev Adds to `account`'s free balance with one SSTORE (none when both amounts are zero).
    function _credit(address account, uint256 baseOut, uint256 quoteOut) private {
        if (baseOut | quoteOut == 0) return;
        LevelLib.Word storage balance = _balances[account];
        uint256 bal = balance.value;
        unchecked {
            // Amounts are < 2^201 (see _cancel), so these sums cannot wrap; their width is checked next.
            uint256 b = (bal & MASK128) + baseOut;
            uint256 q = (bal >> 128) + quoteOut;
            if ((b | q) > MASK128) revert BalanceOverflow(account);
            balance.value = b | (q << 128);
        }
    }

    /// @dev Applies credits then debits to `account`'s free balance with one SSTORE, pulling any shortfall of
    /// the debits from its wallet afterwards (state first, transfers last).
    function _settle(address account, uint256 baseOut, uint256 quoteOut, uint256 baseIn, uint256 quoteIn) private {
        LevelLib.Word storage balance = _balances[account];
        uint256 bal = balance.value;
        uint256 b = (bal & MASK128) + baseOut;
        uint256 q = (bal >> 128) + quoteOut;
        uint256 pullBase;
        uint256 pullQuote;
        unchecked {
            if (baseIn > b) (pullBase, b) = (baseIn - b, 0);
            else b -= baseIn;
            if (quoteIn > q) (pullQuote, q) = (quoteIn - q, 0);
            else q -= quoteIn;
        }
        if ((b | q) > MASK128) revert BalanceOverflow(account);
        uint256 next = b | (q << 128);
        if (next != bal) balance.value = next;
        if (pullBase != 0) SafeTransferLib.safeTransferFrom(base, account, address(this), pullBase);
        if (pullQuote != 0) SafeTransferLib.safeTransferFrom(quote, account, address(this), pullQuote);
    }

    /// @dev Reverts unless the order word `ow` belongs to the caller.
    function _checkMaker(uint256 orderId, uint256 ow) private view {
        if (address(uint160(ow)) != msg.sender) _revertNotMaker(orderId, ow);
    }

    /// @dev The revert of `_checkMaker`, kept out of the hot path.
    function _revertNotMaker(uint256 orderId, uint256 ow) private view {
        address maker = address(uint160(ow));
        if (maker == address(0)) revert OrderNotFound(orderId);
        revert NotOrderOwner(orderId, msg.sender, maker);
    }
}
