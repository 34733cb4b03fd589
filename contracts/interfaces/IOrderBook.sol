// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IOrderBook
/// @notice One central limit order book for one market: a base ERC-20 (the traded asset) against a quote
/// ERC-20 (a 6-decimal stablecoin). Prices are integer ticks: one lot (`lotSize` raw base units) at tick `t`
/// costs `t · tickSize` raw quote units, so every amount is an exact integer and nothing is rounded.
///
/// Resting orders are post-only (a post that would cross the opposite best price reverts) and keep
/// price-time priority. Fills are claim-later: a taker only updates one aggregate word per price level, never
/// the makers' orders, so taker gas does not depend on how many makers rest at a level; each maker's filled
/// amount is computed from the level's counters when the maker cancels, replaces, requotes or claims.
///
/// Makers trade from a free balance held by the book. Posting escrows what the order sells from that free
/// balance and pulls any shortfall from the maker's wallet (transferFrom); cancels and claims credit the free
/// balance; `withdraw` sends it out. Takers pay and receive with their wallets.
///
/// Order ids: `orderId = isAsk << 40 | tick << 16 | index`, where `index` (16 bits, wrapping) is the
/// order's place in its level's queue. An id is unique while its order exists; the id of a finished order
/// is reused after 65,536 further orders at the same price level.
interface IOrderBook {
    /// @notice A resting order to place, as used by `requote`.
    /// @param isAsk true to sell base (escrows `lots · lotSize` base), false to buy (escrows quote)
    /// @param tick price in ticks, 1 … 2^24 − 1
    /// @param lots size in lots
    struct NewOrder {
        bool isAsk;
        uint24 tick;
        uint48 lots;
    }

    /// @notice What `getOrder` reports about one order.
    /// @param maker owner of the order; zero when the id is not a live order
    /// @param isAsk side, decoded from the id
    /// @param tick price, decoded from the id
    /// @param openLots lots still resting (not yet filled)
    /// @param claimableLots lots filled but not yet claimed
    struct OrderView {
        address maker;
        bool isAsk;
        uint24 tick;
        uint256 openLots;
        uint256 claimableLots;
    }

    /// @notice A resting order was placed (by `post`, `replace` or `requote`).
    /// @param orderId id of the new order
    /// @param maker owner of the order
    /// @param isAsk side of the order
    /// @param tick price in ticks
    /// @param lots size in lots
    event OrderPosted(uint256 indexed orderId, address indexed maker, bool isAsk, uint24 tick, uint256 lots);

    /// @notice An order was cancelled (an `OrderClaimed` follows when it had filled, unclaimed lots).
    /// @param orderId id of the cancelled order
    /// @param unfilledLots lots removed from the book, whose escrow went back to the free balance
    event OrderCancelled(uint256 indexed orderId, uint256 unfilledLots);

    /// @notice Proceeds of filled lots were credited to the maker's free balance: by `claim`, by a cancel
    /// (for the filled part), or by a post that had to retire a fully filled order from a full level.
    /// @param orderId id of the order
    /// @param claimedLots lots whose proceeds were credited
    event OrderClaimed(uint256 indexed orderId, uint256 claimedLots);

    /// @notice A taker filled lots at one price level (one event per level touched).
    /// @param taker who sent the taker order
    /// @param isBuy true when the taker bought base from asks, false when it sold base to bids
    /// @param tick price of the level in ticks
    /// @param lots lots filled at this level
    event Fill(address indexed taker, bool isBuy, uint24 tick, uint256 lots);

    /// @notice Tokens were moved from a wallet into its free balance.
    event Deposited(address indexed account, uint256 baseAmount, uint256 quoteAmount);

    /// @notice Tokens were moved out of a free balance to its owner's wallet.
    event Withdrawn(address indexed account, uint256 baseAmount, uint256 quoteAmount);

    /// @notice The market parameters are unusable: zero or identical token addresses, or a zero or
    /// over-2^128 tick size or lot size.
    error InvalidMarket(address base, address quote, uint256 tickSize, uint256 lotSize);
    /// @notice An order or taker order of zero lots.
    error ZeroLots();
    /// @notice Tick 0 is not a price (ticks run from 1 to 2^24 − 1).
    error InvalidTick(uint256 tick);
    /// @notice The post would cross the opposite side: posts are post-only, use `take` to trade now.
    /// @param isAsk side of the rejected post
    /// @param tick its price
    /// @param bestOppositeTick the best price on the other side that it would cross
    error WouldCross(bool isAsk, uint256 tick, uint256 bestOppositeTick);
    /// @notice The price level already queues `LEVEL_CAPACITY` unfinished orders and its oldest one still
    /// rests unfilled, so no new order fits until it fills or is cancelled.
    /// @param headOrderId the oldest unfinished order at the level
    error LevelFull(bool isAsk, uint256 tick, uint256 headOrderId);
    /// @notice The cumulative lot counters of a price level would exceed 2^48 − 1.
    error LevelOverflow(bool isAsk, uint256 tick);
    /// @notice The id is not a live order (never posted, already cancelled, or fully claimed).
    error OrderNotFound(uint256 orderId);
    /// @notice Only the maker of an order may cancel, replace or claim it.
    error NotOrderOwner(uint256 orderId, address caller, address maker);
    /// @notice A fill-or-kill taker order could not be filled entirely within its limit price and level bound.
    error FillOrKillNotFilled(uint256 requestedLots, uint256 fillableLots);
    /// @notice `maxLevels` must be between 1 and `MAX_TAKE_LEVELS`.
    error InvalidMaxLevels(uint256 maxLevels, uint256 maxAllowed);
    /// @notice A withdrawal larger than the free balance.
    /// @param isBase true for the base token, false for the quote token
    error InsufficientBalance(bool isBase, uint256 available, uint256 requested);
    /// @notice A free balance would exceed 2^128 − 1 raw units.
    error BalanceOverflow(address account);
    /// @notice A state-changing entry point was re-entered (for example from a token callback).
    error Reentrancy();

    /// @notice Places a resting order and escrows what it sells (free balance first, then the wallet).
    /// @dev Reverts with `WouldCross` if it would trade, `LevelFull` if the level queue is full.
    /// @param isAsk true to sell base at `tick`, false to buy base at `tick`
    /// @param tick price in ticks (1 … 2^24 − 1)
    /// @param lots size in lots (> 0)
    /// @return orderId id of the new order
    function post(bool isAsk, uint24 tick, uint48 lots) external returns (uint256 orderId);

    /// @notice Cancels a resting order: the unfilled escrow and the proceeds of its filled lots go to the
    /// maker's free balance. Cancelling a fully filled order just claims it.
    /// @return unfilledLots lots taken off the book
    /// @return claimedLots filled lots claimed by this call
    function cancel(uint256 orderId) external returns (uint256 unfilledLots, uint256 claimedLots);

    /// @notice Cancels an order and posts a new one on the same side (the new one queues last at its price).
    /// @param orderId the order to cancel (must belong to the caller)
    /// @param tick price of the new order
    /// @param lots size of the new order
    /// @return newOrderId id of the new order
    function replace(uint256 orderId, uint24 tick, uint48 lots) external returns (uint256 newOrderId);

    /// @notice A market maker's batch: cancels `cancelIds` (claiming their fills), then posts `orders`; the
    /// free balance is settled once, pulling any shortfall from the wallet.
    /// @return orderIds ids of the new orders, in the order given
    function requote(uint256[] calldata cancelIds, NewOrder[] calldata orders)
        external
        returns (uint256[] memory orderIds);

    /// @notice Credits the proceeds of the filled, unclaimed part of the caller's orders to its free balance.
    /// Fully filled orders are removed; partially filled ones keep resting.
    /// @return baseAmount raw base credited (from filled bids)
    /// @return quoteAmount raw quote credited (from filled asks)
    function claim(uint256[] calldata orderIds) external returns (uint256 baseAmount, uint256 quoteAmount);

    /// @notice Taker order: buys (takes asks) or sells (takes bids) up to `lots`, best price first, at prices
    /// no worse than `limitTick`, visiting at most `maxLevels` price levels. Immediate-or-cancel unless
    /// `fillOrKill`, in which case it reverts with `FillOrKillNotFilled` unless all `lots` fill.
    /// @dev Pays and receives with the caller's wallet: a buy pulls `quoteAmount` quote and sends
    /// `filledLots · lotSize` base; a sell pulls base and sends quote. Gas grows with levels, never with makers.
    /// @param isBuy true to buy base, false to sell base
    /// @param limitTick worst acceptable tick (highest for a buy, lowest for a sell)
    /// @param lots lots wanted (> 0)
    /// @param maxLevels bound on price levels visited, 1 … `MAX_TAKE_LEVELS`
    /// @param fillOrKill true for fill-or-kill, false for immediate-or-cancel
    /// @return filledLots lots traded
    /// @return quoteAmount raw quote paid (buy) or received (sell)
    function take(bool isBuy, uint24 limitTick, uint48 lots, uint256 maxLevels, bool fillOrKill)
        external
        returns (uint256 filledLots, uint256 quoteAmount);

    /// @notice Moves tokens from the caller's wallet into its free balance (transferFrom).
    function deposit(uint128 baseAmount, uint128 quoteAmount) external;

    /// @notice Sends tokens from the caller's free balance to its wallet.
    function withdraw(uint128 baseAmount, uint128 quoteAmount) external;

    /// @notice Highest bid: its tick (0 when there are no bids) and the lots resting there.
    function bestBid() external view returns (uint24 tick, uint256 lots);

    /// @notice Lowest ask: its tick (0 when there are no asks) and the lots resting there.
    function bestAsk() external view returns (uint24 tick, uint256 lots);

    /// @notice The best `maxLevels` non-empty levels of one side, best first (shorter if the side is thinner).
    function depth(bool isAsk, uint256 maxLevels) external view returns (uint24[] memory ticks, uint256[] memory lots);

    /// @notice Lots resting at one price level and how many queue entries it holds (live, or finished but not
    /// yet retired from the level's queue; at most `LEVEL_CAPACITY`).
    function levelOf(bool isAsk, uint24 tick) external view returns (uint256 openLots, uint256 queuedOrders);

    /// @notice One order's maker, side, price, resting lots and claimable lots (all zero if not live).
    function getOrder(uint256 orderId) external view returns (OrderView memory);

    /// @notice An account's free balance in raw units.
    function freeBalanceOf(address account) external view returns (uint256 baseAmount, uint256 quoteAmount);

    /// @notice Raw quote units for `lots` at `tick` (`lots · tick · tickSize`, exact).
    function quoteFor(uint24 tick, uint256 lots) external view returns (uint256);

    /// @notice Most queue entries one price level holds at once (live orders, hole records of cancels from
    /// inside the queue, and finished orders not yet retired). Bounds every maker-side loop.
    function LEVEL_CAPACITY() external view returns (uint256);

    /// @notice Largest `maxLevels` a taker order may pass; bounds a taker's gas (about 9–15k per level).
    function MAX_TAKE_LEVELS() external view returns (uint256);

    /// @notice Most levels `depth` returns; larger requests are cut to it.
    function MAX_DEPTH_LEVELS() external view returns (uint256);

    /// @notice The traded token.
    function base() external view returns (address);

    /// @notice The pricing token (a 6-decimal stablecoin in the simulator).
    function quote() external view returns (address);

    /// @notice Raw quote units per lot per tick.
    function tickSize() external view returns (uint256);

    /// @notice Raw base units per lot.
    function lotSize() external view returns (uint256);
}
