// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Claims} from "./Claims.sol";
import {Poseidon2} from "./Poseidon2.sol";

/// @notice The L1 verifier of wrap proofs: gnark's Groth16 verifier for
/// BN254 (Verifier.sol). It reverts unless the proof is valid.
interface IWrapVerifier {
    function verifyProof(bytes calldata proof, uint256[1] calldata input) external view;
}

/// @title The trainrollup bridge (spec/bridge.md)
/// @notice Holds training jobs requested on L1 and their bounties, the
/// queue of L1 messages the sequencer must include, the operators' stakes,
/// the chain of committed batch headers and the proven state root; it
/// verifies the recursive proof of a range of batches and publishes the
/// models of completed jobs for other contracts.
/// @dev Batch headers are stored as hashes: callers pass the headers they
/// refer to and the contract checks them against its record
/// (spec/bridge.md#batches). Payouts other than a withdrawn stake are
/// credited and taken with withdraw (pull payments).
contract Bridge {
    // ---- Types (spec/bridge.md) ----

    /// @notice A training job's fixed parameters (spec/commitments.md#params).
    struct JobParams {
        bytes model; // the model spec's binary encoding (spec/model.md#encoding)
        uint256 datasetRoot;
        uint64 datasetSize;
        uint32 learningRate; // eta in Q16
        uint32 batchSize;
        uint64 seed;
        uint256 initWeights;
        uint64 steps;
        uint8 order; // 0 given, 1 seeded (spec/dataset.md#order)
    }

    /// @notice A committed batch as stored (its hash) and passed back.
    struct BatchHeader {
        uint64 index;
        uint64 firstBlock;
        uint64 lastBlock;
        uint64 daHeight;
        bytes32 daCommitment;
        uint256 txDigest;
        uint256 stateRoot;
        uint64 l1MessagesConsumed;
        bytes32 l1QueueHash;
        address committer;
        uint64 committedAt;
    }

    /// @notice The job's leaf where the previous proof ended, to show that
    /// a job was completed within the finalizing proof: status 0 stands for
    /// no job (the empty leaf, 0).
    struct Prior {
        BatchHeader header;
        JobLeaf leaf;
        uint256[] siblings;
    }

    /// @notice What an operator commits; the contract adds the rest.
    struct BatchInput {
        uint64 lastBlock;
        uint64 daHeight;
        bytes32 daCommitment;
        uint256 txDigest;
        uint256 stateRoot;
        uint64 l1MessagesConsumed;
        bytes32 l1QueueHash;
    }

    /// @notice A job's leaf in the state tree (spec/state.md#leaf).
    struct JobLeaf {
        uint32 id;
        uint256 paramsHash;
        uint256 weights;
        uint64 stepsDone;
        uint8 status;
        address owner;
    }

    enum JobState {
        None,
        Requested, // escrowed, its L1 message not yet consumed by a batch
        Training, // its L1 message consumed by a committed batch
        Completed, // finalized, bounty paid
        Refunded // expired, bounty returned to the requester
    }

    struct Job {
        address requester;
        uint64 deadline;
        uint64 queueIndex;
        bool refunded;
        bool completed;
        uint128 bounty;
        uint256 paramsHash;
        uint64 steps;
    }

    struct Model {
        uint256 weights; // the weights commitment (spec/commitments.md#weights)
        uint256 paramsHash;
        uint64 steps;
        uint64 batch; // the proven batch whose state root holds the leaf
        address owner;
    }

    struct Operator {
        uint128 stake;
        uint64 unstakeRequestedAt; // 0 while active
        uint64 lastBatch; // the last batch it committed
        bytes32 lastBatchHash; // and its hash, to tell a reverted one
    }

    // ---- Constants and configuration ----

    /// @notice The BLS12-377 scalar field modulus: state roots, digests and
    /// every hashed value are below it.
    uint256 internal constant R = 0x12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001;
    /// @notice Jobs requested on L1 take ids from here up; ids below are
    /// for jobs created on the rollup (spec/bridge.md#jobs).
    uint32 public constant L1_JOB_ID_BASE = 1 << 31;
    /// @notice Depth of the state tree (spec/state.md#tree).
    uint256 internal constant TREE_DEPTH = 32;
    uint8 internal constant TAG_JOB_LEAF = 5;
    uint8 internal constant TAG_PARAMS = 4;
    uint8 internal constant TAG_MODEL = 3;
    uint8 internal constant TAG_CREATE = 7;
    uint8 internal constant MODEL_VERSION = 1;
    /// @notice The order of every job requested on L1
    /// (spec/dataset.md#order).
    uint8 internal constant ORDER_SEEDED = 1;
    uint8 internal constant STATUS_COMPLETED = 2;
    /// @notice The most rollup blocks one batch may cover.
    uint64 public constant MAX_BATCH_BLOCKS = 1 << 20;
    /// @notice The latest deadline a request may set, from now.
    uint64 public constant MAX_DEADLINE = 365 days;
    /// @notice The longest any configured delay may be.
    uint64 internal constant MAX_DELAY = 10 * 365 days;

    uint64 public immutable chainId;
    IWrapVerifier public immutable verifier;
    uint256 public immutable minStake;
    uint64 public immutable unstakeDelay;
    uint64 public immutable proofWindow;
    uint64 public immutable inclusionDelay;
    uint256 public immutable minBounty;

    // ---- State ----

    /// @notice batchHashes[i] for i < batchCount are the committed batches;
    /// entries past batchCount are reverted ones, overwritten by new
    /// commits (so that a revert costs O(1)).
    bytes32[] internal batchHashes;
    uint64 public batchCount;
    uint64 public lastProven;
    /// @notice For the last batch of each proof, the previous proof's last
    /// batch plus one: only these batches have a proven state root
    /// (the claim fixes the roots at the ends of its range, not inside).
    mapping(uint64 => uint64) internal provenFrom;
    uint64 public l1MessagesConsumed; // by the committed batches
    uint64 public provenL1MessagesConsumed; // by the proven batches

    /// @notice queueHashes[i] is the rolling hash of the first i messages.
    bytes32[] internal queueHashes;
    uint64[] internal enqueuedAt;

    mapping(uint32 => Job) internal jobs;
    uint32 public l1JobCount;
    mapping(uint32 => Model) internal models;
    mapping(address => Operator) public operators;
    mapping(address => uint256) public credits;

    /// @notice Escrow accounting: the contract's balance is always
    /// heldBounties + totalStaked + totalCredits + slashedFunds.
    uint256 public heldBounties;
    uint256 public totalStaked;
    uint256 public totalCredits;
    uint256 public slashedFunds;

    bool transient locked;

    // ---- Events ----

    event TrainingRequested(uint32 indexed jobId, address indexed requester, uint256 bounty, uint64 deadline, uint256 paramsHash);
    event L1MessageQueued(uint64 indexed index, uint32 indexed jobId, address owner, JobParams params, bytes32 queueHash);
    event Staked(address indexed operator, uint256 amount, uint256 stake);
    event UnstakeRequested(address indexed operator, uint64 withdrawableAt);
    event StakeWithdrawn(address indexed operator, uint256 amount);
    event BatchCommitted(uint64 indexed index, bytes32 hash, BatchHeader header);
    event BatchesProven(uint64 firstBatch, uint64 indexed lastBatch, uint256 stateRoot);
    event BatchesReverted(uint64 firstBatch, uint64 lastBatch);
    event OperatorSlashed(address indexed operator, uint256 amount, address indexed reporter, uint256 reward);
    event JobFinalized(uint32 indexed jobId, uint256 weights, uint64 steps, uint64 batch, address payee, uint256 bounty);
    event JobRefunded(uint32 indexed jobId, address indexed requester, uint256 bounty);
    event Withdrawn(address indexed account, uint256 amount);

    // ---- Errors ----

    error NotInField(uint256 value);
    error InvalidParams(string reason);
    error BountyTooLow(uint256 sent, uint256 minimum);
    error DeadlinePassed(uint64 deadline);
    error TooManyJobs();
    error NotStaked(address operator);
    error Unstaking(address operator);
    error UnstakeNotRequested();
    error UnstakeDelayPending(uint64 withdrawableAt);
    error UnprovenBatches(uint64 lastBatch, uint64 lastProven);
    error UnknownBatch(uint64 index);
    error BadBatchHeader(uint64 index);
    error NotLastBatch(uint64 index, uint64 last);
    error EmptyBatch(uint64 firstBlock, uint64 lastBlock);
    error L1MessagesBeyondQueue(uint64 consumed, uint64 queued);
    error L1MessagesRewound(uint64 consumed, uint64 before);
    error L1QueueMismatch(uint64 consumed, bytes32 want, bytes32 got);
    error L1MessageOverdue(uint64 index, uint64 enqueuedAt);
    error NotLastProven(uint64 index, uint64 lastProven);
    error NothingToProve(uint64 index, uint64 lastProven);
    error InvalidProof();
    error NotOverdue(uint64 index, uint64 revertibleAt);
    error NotProven(uint64 index);
    error NotPreviousProof(uint64 index, uint64 prev);
    error CompletedBefore(uint32 jobId, uint64 batch);
    error TooManyBlocks(uint64 blocks, uint64 max);
    error DeadlineTooFar(uint64 deadline, uint64 max);
    error InvalidConfig(string reason);
    error AlreadyFinalized(uint32 jobId);
    error JobNotCompleted(uint32 jobId, uint8 status);
    error LeafMismatch(uint32 jobId, string field);
    error BadMerklePath(uint32 jobId);
    error NotRefundable(uint32 jobId, JobState state);
    error RefundNotYet(uint32 jobId, uint64 refundableAt);
    error NothingToWithdraw();
    error TransferFailed(address to, uint256 amount);
    error Reentrancy();

    modifier nonReentrant() {
        if (locked) revert Reentrancy();
        locked = true;
        _;
        locked = false;
    }

    /// @param chainId_ the rollup chain id the proofs claim
    /// @param verifier_ the wrap verifier
    /// @param genesisStateRoot the state root of batch 0 (the empty state:
    /// spec/state.md#tree)
    /// @param minStake_ the stake an operator needs to commit
    /// @param unstakeDelay_ seconds between requestUnstake and withdrawStake
    /// @param proofWindow_ seconds a committed batch has to be proven before
    /// anyone can revert it and slash its committer; also the grace after a
    /// job's deadline before its bounty can be refunded
    /// @param inclusionDelay_ seconds after which a queued L1 message must be
    /// consumed by the next batch
    /// @param minBounty_ the least bounty of requestTraining (the price of
    /// forcing a message into the rollup)
    constructor(
        uint64 chainId_,
        IWrapVerifier verifier_,
        uint256 genesisStateRoot,
        uint256 minStake_,
        uint64 unstakeDelay_,
        uint64 proofWindow_,
        uint64 inclusionDelay_,
        uint256 minBounty_
    ) {
        if (genesisStateRoot >= R) revert NotInField(genesisStateRoot);
        if (unstakeDelay_ > MAX_DELAY || proofWindow_ > MAX_DELAY || inclusionDelay_ > MAX_DELAY) {
            revert InvalidConfig("delays must be at most 10 years");
        }
        chainId = chainId_;
        verifier = verifier_;
        minStake = minStake_;
        unstakeDelay = unstakeDelay_;
        proofWindow = proofWindow_;
        inclusionDelay = inclusionDelay_;
        minBounty = minBounty_;
        BatchHeader memory genesis;
        genesis.stateRoot = genesisStateRoot;
        bytes32 h = hashHeader(genesis);
        batchHashes.push(h);
        batchCount = 1;
        queueHashes.push(bytes32(0));
        emit BatchCommitted(0, h, genesis);
    }

    // ---- Jobs ----

    /// @notice Requests a training job: escrows msg.value as its bounty and
    /// queues the L1 message that creates it on the rollup, owned by the
    /// caller. The bounty goes to the operator whose proven batch completes
    /// the job by the deadline (finalizeJob), else back to the caller.
    function requestTraining(JobParams calldata p, uint64 deadline) external payable returns (uint32 jobId) {
        if (msg.value < minBounty) revert BountyTooLow(msg.value, minBounty);
        if (deadline <= block.timestamp) revert DeadlinePassed(deadline);
        if (deadline > block.timestamp + MAX_DEADLINE) revert DeadlineTooFar(deadline, uint64(block.timestamp) + MAX_DEADLINE);
        if (p.datasetRoot >= R) revert NotInField(p.datasetRoot);
        if (p.initWeights >= R) revert NotInField(p.initWeights);
        if (p.steps == 0) revert InvalidParams("steps must be at least 1");
        if (p.datasetSize == 0) revert InvalidParams("empty dataset");
        if (p.batchSize == 0) revert InvalidParams("batch size must be at least 1");
        if (p.learningRate == 0) revert InvalidParams("learning rate must be positive");
        if (p.order != ORDER_SEEDED) revert InvalidParams("a job requested on L1 is seeded (order 1)");
        if (l1JobCount == type(uint32).max - L1_JOB_ID_BASE) revert TooManyJobs();
        jobId = L1_JOB_ID_BASE + l1JobCount;
        l1JobCount++;
        uint256 ph = paramsHash(p);
        uint64 qi = uint64(queueHashes.length - 1);
        jobs[jobId] = Job({
            requester: msg.sender,
            deadline: deadline,
            queueIndex: qi,
            refunded: false,
            completed: false,
            bounty: uint128(msg.value),
            paramsHash: ph,
            steps: p.steps
        });
        heldBounties += msg.value;
        // q_{n+1} = Compress(q_n, H(7, id, ParamsHash, owner)): the item a
        // creation proof adds to the L1 queue hash (spec/bridge.md#l1-messages).
        uint256[] memory item = new uint256[](4);
        item[0] = TAG_CREATE;
        item[1] = jobId;
        item[2] = ph;
        item[3] = uint160(msg.sender);
        bytes32 qh = bytes32(Poseidon2.compress(uint256(queueHashes[qi]), Poseidon2.hash(item)));
        queueHashes.push(qh);
        enqueuedAt.push(uint64(block.timestamp));
        emit TrainingRequested(jobId, msg.sender, msg.value, deadline, ph);
        emit L1MessageQueued(qi, jobId, msg.sender, p, qh);
    }

    /// @notice ParamsHash = H(4, ModelHash, DatasetRoot, DatasetSize, eta,
    /// B, Seed, InitWeights, Steps, Order) (spec/commitments.md#params).
    function paramsHash(JobParams calldata p) public pure returns (uint256) {
        uint256[] memory xs = new uint256[](10);
        xs[0] = TAG_PARAMS;
        xs[1] = modelHash(p.model);
        xs[2] = p.datasetRoot;
        xs[3] = p.datasetSize;
        xs[4] = p.learningRate;
        xs[5] = p.batchSize;
        xs[6] = p.seed;
        xs[7] = p.initWeights;
        xs[8] = p.steps;
        xs[9] = p.order;
        return Poseidon2.hash(xs);
    }

    /// @notice ModelHash = H(3, version, loss, count, n_0, ..., n_L) of a
    /// model encoding (spec/model.md#hash). Only the layout is checked
    /// here (version 1, 3 + 2 count bytes); the rollup checks the limits
    /// and rejects a model outside them.
    function modelHash(bytes calldata m) public pure returns (uint256) {
        if (m.length < 3 || uint8(m[0]) != MODEL_VERSION || m.length != 3 + 2 * uint256(uint8(m[2]))) {
            revert InvalidParams("model is not a version 1 model encoding");
        }
        uint256 count = uint8(m[2]);
        uint256[] memory xs = new uint256[](4 + count);
        xs[0] = TAG_MODEL;
        xs[1] = MODEL_VERSION;
        xs[2] = uint8(m[1]);
        xs[3] = count;
        for (uint256 i = 0; i < count; i++) {
            xs[4 + i] = (uint256(uint8(m[3 + 2 * i])) << 8) | uint8(m[4 + 2 * i]);
        }
        return Poseidon2.hash(xs);
    }

    /// @notice The state of an L1 job (None for an id never requested on L1).
    function jobState(uint32 jobId) public view returns (JobState) {
        Job storage j = jobs[jobId];
        if (j.requester == address(0)) return JobState.None;
        if (j.completed) return JobState.Completed;
        if (j.refunded) return JobState.Refunded;
        if (j.queueIndex < l1MessagesConsumed) return JobState.Training;
        return JobState.Requested;
    }

    /// @notice An L1 job's record.
    function job(uint32 jobId) external view returns (Job memory) {
        return jobs[jobId];
    }

    /// @notice Returns an expired job's bounty to its requester (credited):
    /// allowed proofWindow seconds after the deadline, so that a batch
    /// committed by the deadline can still be proven and finalized.
    function refund(uint32 jobId) external {
        Job storage j = jobs[jobId];
        JobState s = jobState(jobId);
        if (s != JobState.Requested && s != JobState.Training) revert NotRefundable(jobId, s);
        uint64 at = j.deadline + proofWindow;
        if (block.timestamp <= at) revert RefundNotYet(jobId, at);
        j.refunded = true;
        uint256 b = j.bounty;
        heldBounties -= b;
        _credit(j.requester, b);
        emit JobRefunded(jobId, j.requester, b);
    }

    // ---- Operators ----

    /// @notice Adds msg.value to the caller's stake.
    function stake() external payable {
        Operator storage o = operators[msg.sender];
        if (o.unstakeRequestedAt != 0) revert Unstaking(msg.sender);
        o.stake += uint128(msg.value);
        totalStaked += msg.value;
        emit Staked(msg.sender, msg.value, o.stake);
    }

    /// @notice Stops the caller from committing; its stake can be withdrawn
    /// unstakeDelay seconds later, once its batches are proven.
    function requestUnstake() external {
        Operator storage o = operators[msg.sender];
        if (o.stake == 0) revert NotStaked(msg.sender);
        if (o.unstakeRequestedAt != 0) revert Unstaking(msg.sender);
        o.unstakeRequestedAt = uint64(block.timestamp);
        emit UnstakeRequested(msg.sender, uint64(block.timestamp) + unstakeDelay);
    }

    /// @notice Sends the caller its whole stake.
    function withdrawStake() external nonReentrant {
        Operator storage o = operators[msg.sender];
        if (o.unstakeRequestedAt == 0) revert UnstakeNotRequested();
        uint64 at = o.unstakeRequestedAt + unstakeDelay;
        if (block.timestamp < at) revert UnstakeDelayPending(at);
        // Its last batch must be proven, or reverted (no longer recorded).
        bool reverted = o.lastBatch >= batchCount || batchHashes[o.lastBatch] != o.lastBatchHash;
        if (o.lastBatch > lastProven && !reverted) revert UnprovenBatches(o.lastBatch, lastProven);
        uint256 amount = o.stake;
        o.stake = 0;
        o.unstakeRequestedAt = 0;
        totalStaked -= amount;
        emit StakeWithdrawn(msg.sender, amount);
        _send(msg.sender, amount);
    }

    /// @notice Whether operator may commit batches.
    function isActiveOperator(address operator) public view returns (bool) {
        Operator storage o = operators[operator];
        return o.stake >= minStake && o.stake > 0 && o.unstakeRequestedAt == 0;
    }

    // ---- Batches ----

    /// @notice Commits the batch after parent, the last committed one
    /// (spec/bridge.md#commit). Only active operators commit. The batch
    /// must consume every queued L1 message older than inclusionDelay.
    function commitBatch(BatchHeader calldata parent, BatchInput calldata b) external returns (bytes32) {
        if (!isActiveOperator(msg.sender)) {
            if (operators[msg.sender].unstakeRequestedAt != 0) revert Unstaking(msg.sender);
            revert NotStaked(msg.sender);
        }
        uint64 last = batchCount - 1;
        if (parent.index != last) revert NotLastBatch(parent.index, last);
        _checkHeader(parent);
        if (b.lastBlock <= parent.lastBlock) revert EmptyBatch(parent.lastBlock + 1, b.lastBlock);
        if (b.lastBlock - parent.lastBlock > MAX_BATCH_BLOCKS) {
            revert TooManyBlocks(b.lastBlock - parent.lastBlock, MAX_BATCH_BLOCKS);
        }
        if (b.txDigest >= R) revert NotInField(b.txDigest);
        if (b.stateRoot >= R) revert NotInField(b.stateRoot);
        uint64 queued = uint64(queueHashes.length - 1);
        if (b.l1MessagesConsumed < parent.l1MessagesConsumed) {
            revert L1MessagesRewound(b.l1MessagesConsumed, parent.l1MessagesConsumed);
        }
        if (b.l1MessagesConsumed > queued) revert L1MessagesBeyondQueue(b.l1MessagesConsumed, queued);
        bytes32 want = queueHashes[b.l1MessagesConsumed];
        if (b.l1QueueHash != want) revert L1QueueMismatch(b.l1MessagesConsumed, want, b.l1QueueHash);
        if (b.l1MessagesConsumed < queued) {
            uint64 t = enqueuedAt[b.l1MessagesConsumed];
            if (block.timestamp > t + inclusionDelay) revert L1MessageOverdue(b.l1MessagesConsumed, t);
        }
        BatchHeader memory h = BatchHeader({
            index: last + 1,
            firstBlock: parent.lastBlock + 1,
            lastBlock: b.lastBlock,
            daHeight: b.daHeight,
            daCommitment: b.daCommitment,
            txDigest: b.txDigest,
            stateRoot: b.stateRoot,
            l1MessagesConsumed: b.l1MessagesConsumed,
            l1QueueHash: b.l1QueueHash,
            committer: msg.sender,
            committedAt: uint64(block.timestamp)
        });
        bytes32 hh = hashHeader(h);
        if (h.index < batchHashes.length) {
            batchHashes[h.index] = hh;
        } else {
            batchHashes.push(hh);
        }
        batchCount = h.index + 1;
        l1MessagesConsumed = b.l1MessagesConsumed;
        Operator storage o = operators[msg.sender];
        o.lastBatch = h.index;
        o.lastBatchHash = hh;
        emit BatchCommitted(h.index, hh, h);
        return hh;
    }

    /// @notice Proves batches lastProven+1 .. last.index with one wrap
    /// proof of the claim built from the two headers (spec/proofs.md#claim):
    /// the state root and digest after prev (the last proven batch) to
    /// those after last. Anyone may prove.
    function proveBatches(BatchHeader calldata prev, BatchHeader calldata last, bytes calldata proof) external {
        if (prev.index != lastProven) revert NotLastProven(prev.index, lastProven);
        _checkHeader(prev);
        if (last.index <= lastProven) revert NothingToProve(last.index, lastProven);
        _checkHeader(last);
        uint256[1] memory input = [
            Claims.publicInput(
                chainId,
                prev.index + 1,
                last.index,
                prev.stateRoot,
                last.stateRoot,
                _proofDigest(prev),
                _proofDigest(last)
            )
        ];
        try verifier.verifyProof(proof, input) {}
        catch {
            revert InvalidProof();
        }
        lastProven = last.index;
        provenFrom[last.index] = prev.index + 1;
        provenL1MessagesConsumed = last.l1MessagesConsumed;
        emit BatchesProven(prev.index + 1, last.index, last.stateRoot);
    }

    /// @dev The digest step proofs chain at the end of batch h:
    /// Compress(txDigest, l1QueueHash) (spec/proofs.md#claim). The queue
    /// hash was checked against the bridge's own at commit, so a proof over
    /// any other L1 messages fails.
    function _proofDigest(BatchHeader calldata h) private pure returns (uint256) {
        return Poseidon2.compress(h.txDigest, uint256(h.l1QueueHash));
    }

    /// @notice Reverts every unproven batch once the first of them has
    /// waited more than proofWindow, and slashes that batch's committer:
    /// half of its stake is credited to the caller, half is kept.
    function revertBatches(BatchHeader calldata firstUnproven) external {
        if (firstUnproven.index != lastProven + 1) revert NotLastProven(firstUnproven.index, lastProven + 1);
        _checkHeader(firstUnproven);
        uint64 at = firstUnproven.committedAt + proofWindow;
        if (block.timestamp <= at) revert NotOverdue(firstUnproven.index, at);
        uint64 last = batchCount - 1;
        batchCount = lastProven + 1;
        // The reverted batches' L1 messages are queued again, still in
        // order and with their original times (so they are overdue at once
        // if they were).
        l1MessagesConsumed = provenL1MessagesConsumed;
        emit BatchesReverted(firstUnproven.index, last);
        Operator storage o = operators[firstUnproven.committer];
        uint256 amount = o.stake;
        o.stake = 0;
        totalStaked -= amount;
        uint256 reward = amount / 2;
        slashedFunds += amount - reward;
        _credit(msg.sender, reward);
        emit OperatorSlashed(firstUnproven.committer, amount, msg.sender, reward);
    }

    /// @notice The stored hash of batch index.
    function batchHash(uint64 index) external view returns (bytes32) {
        if (index >= batchCount) revert UnknownBatch(index);
        return batchHashes[index];
    }

    /// @notice Whether batch index ends a proof, and the batch the
    /// previous proof ended at (0 for the genesis batch or none).
    function proofEnd(uint64 index) external view returns (bool, uint64) {
        uint64 f = provenFrom[index];
        return (f != 0, f == 0 ? 0 : f - 1);
    }

    /// @notice The hash a header is stored as: keccak256 of its ABI encoding.
    function hashHeader(BatchHeader memory h) public pure returns (bytes32) {
        return keccak256(abi.encode(h));
    }

    /// @notice The number of L1 messages ever queued.
    function l1MessageCount() external view returns (uint64) {
        return uint64(queueHashes.length - 1);
    }

    /// @notice The rolling hash of the first n queued messages and the time
    /// the n-th was queued (0 for n = 0).
    function l1Queue(uint64 n) external view returns (bytes32 hash, uint64 queuedAt) {
        if (n >= queueHashes.length) revert L1MessagesBeyondQueue(n, uint64(queueHashes.length - 1));
        return (queueHashes[n], n == 0 ? 0 : enqueuedAt[n - 1]);
    }

    // ---- Finalization ----

    /// @notice Publishes the model of a completed job (spec/bridge.md#finalize):
    /// leaf must be in the state root of header, the last batch of a proof,
    /// and not completed in the state root where the previous proof ended
    /// (prior), so that header's proof is the one that completed it. For an
    /// L1 job the leaf must match its request; its bounty is credited to
    /// header's committer when that batch was committed by the deadline,
    /// else to the requester.
    function finalizeJob(
        BatchHeader calldata header,
        JobLeaf calldata leaf,
        uint256[] calldata siblings,
        Prior calldata prior
    ) external {
        uint64 from = provenFrom[header.index];
        if (from == 0) revert NotProven(header.index);
        _checkHeader(header);
        if (models[leaf.id].weights != 0) revert AlreadyFinalized(leaf.id);
        if (leaf.status != STATUS_COMPLETED) revert JobNotCompleted(leaf.id, leaf.status);
        if (leaf.weights == 0) revert LeafMismatch(leaf.id, "weights");
        Job storage j = jobs[leaf.id];
        bool onL1 = j.requester != address(0);
        if (onL1) {
            if (leaf.paramsHash != j.paramsHash) revert LeafMismatch(leaf.id, "paramsHash");
            if (leaf.owner != j.requester) revert LeafMismatch(leaf.id, "owner");
            if (leaf.stepsDone != j.steps) revert LeafMismatch(leaf.id, "stepsDone");
        }
        _checkPath(leafHash(leaf), leaf.id, siblings, header.stateRoot);
        // Before header's proof, the job was absent or still training.
        if (prior.header.index + 1 != from) revert NotPreviousProof(header.index, prior.header.index);
        _checkHeader(prior.header);
        if (prior.leaf.id != leaf.id) revert LeafMismatch(leaf.id, "prior id");
        uint256 before;
        if (prior.leaf.status != 0) {
            if (prior.leaf.status == STATUS_COMPLETED) revert CompletedBefore(leaf.id, prior.header.index);
            before = leafHash(prior.leaf);
        }
        _checkPath(before, leaf.id, prior.siblings, prior.header.stateRoot);
        models[leaf.id] = Model({
            weights: leaf.weights,
            paramsHash: leaf.paramsHash,
            steps: leaf.stepsDone,
            batch: header.index,
            owner: leaf.owner
        });
        address payee;
        uint256 bounty;
        if (onL1 && !j.refunded) {
            payee = header.committedAt <= j.deadline ? header.committer : j.requester;
            bounty = j.bounty;
            j.completed = true;
            heldBounties -= bounty;
            _credit(payee, bounty);
        }
        emit JobFinalized(leaf.id, leaf.weights, leaf.stepsDone, header.index, payee, bounty);
    }

    function _checkPath(uint256 leaf, uint32 id, uint256[] calldata siblings, uint256 root) internal pure {
        if (siblings.length != TREE_DEPTH) revert BadMerklePath(id);
        if (Poseidon2.rootFromPath(leaf, id, siblings) != root) revert BadMerklePath(id);
    }

    /// @notice JobLeaf = H(5, id, ParamsHash, weights, steps_done, status,
    /// owner) (spec/state.md#leaf).
    function leafHash(JobLeaf calldata leaf) public pure returns (uint256) {
        uint256[] memory xs = new uint256[](7);
        xs[0] = TAG_JOB_LEAF;
        xs[1] = leaf.id;
        xs[2] = leaf.paramsHash;
        xs[3] = leaf.weights;
        xs[4] = leaf.stepsDone;
        xs[5] = leaf.status;
        xs[6] = uint160(leaf.owner);
        return Poseidon2.hash(xs);
    }

    /// @notice The weights commitment of a finalized job, 0 if none: what
    /// consumers check weights against.
    function modelCommitment(uint32 jobId) external view returns (uint256) {
        return models[jobId].weights;
    }

    /// @notice A finalized job's model record.
    function model(uint32 jobId) external view returns (Model memory) {
        return models[jobId];
    }

    // ---- Payouts ----

    /// @notice Sends the caller everything credited to it.
    function withdraw() external nonReentrant {
        uint256 amount = credits[msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        credits[msg.sender] = 0;
        totalCredits -= amount;
        emit Withdrawn(msg.sender, amount);
        _send(msg.sender, amount);
    }

    // ---- Internal ----

    function _checkHeader(BatchHeader calldata h) internal view {
        if (h.index >= batchCount) revert UnknownBatch(h.index);
        if (keccak256(abi.encode(h)) != batchHashes[h.index]) revert BadBatchHeader(h.index);
    }

    function _credit(address to, uint256 amount) internal {
        if (amount == 0) return;
        credits[to] += amount;
        totalCredits += amount;
    }

    function _send(address to, uint256 amount) internal {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount);
    }
}
