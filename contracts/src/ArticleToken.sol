// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title ArticleToken
/// @notice One token per published MedNexus article. Each token carries ERC-7857-style intelligent data (the storage
/// root of the encrypted article, a hash of its metadata and the content key sealed for the current owner), a revenue
/// split fixed at mint, and moves only with a proof signed by the platform's re-encryption oracle and acknowledged by
/// the receiver.
/// @dev The split is accounted inside this contract: `pay` credits each payee, payees pull with `withdraw`. The
/// ERC-2981 royalty receiver of every token is this contract; royalties are paid through `pay(tokenId)` so that they
/// are attributed to the right split. The contract has no `receive`: plain value transfers revert.
contract ArticleToken is ERC721, ERC2981, AccessControl, EIP712, ReentrancyGuard {
    /// @notice Role allowed to mint article tokens.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @notice Denominator of every share, in basis points.
    uint16 public constant TOTAL_SHARES_BPS = 10_000;

    /// @notice Highest share the platform may take of an article's revenue, in basis points.
    uint16 public constant MAX_PLATFORM_FEE_BPS = 1_000;

    /// @notice Highest number of payees in one split; bounds the gas of `pay`.
    uint256 public constant MAX_PAYEES = 32;

    /// @notice EIP-712 type of the oracle's transfer proof.
    bytes32 public constant TRANSFER_PROOF_TYPEHASH = keccak256(
        "TransferProof(uint256 tokenId,address from,address to,bytes32 sealedKeyHash,uint256 nonce,uint256 deadline)"
    );

    /// @notice EIP-712 type of the receiver's acknowledgement of a transfer.
    bytes32 public constant TRANSFER_ACKNOWLEDGEMENT_TYPEHASH = keccak256(
        "TransferAcknowledgement(uint256 tokenId,address from,address to,bytes32 sealedKeyHash,uint256 nonce,uint256 deadline)"
    );

    /// @notice What a payee contributed to the article; only informative, except for the platform fee cap.
    enum PayeeRole {
        Author,
        Reviewer,
        Institution,
        Platform
    }

    /// @notice One line of a revenue split.
    struct Payee {
        address account;
        uint16 shareBps;
        PayeeRole role;
    }

    /// @notice The encrypted article a token stands for.
    struct IntelligentData {
        bytes32 storageRoot;
        bytes32 metadataHash;
    }

    /// @notice The oracle's statement that `newSealedKey` (hash `sealedKeyHash`) opens the article for `to`.
    struct TransferProof {
        uint256 tokenId;
        address from;
        address to;
        bytes32 sealedKeyHash;
        uint256 nonce;
        uint256 deadline;
    }

    error ArticleNoPayees();
    error ArticleTooManyPayees(uint256 count, uint256 max);
    error ArticleZeroPayee(uint256 index);
    error ArticleDuplicatePayee(address account);
    error ArticleZeroShare(address account);
    error ArticleInvalidShares(uint256 total);
    error ArticlePlatformFeeTooHigh(uint256 feeBps, uint256 maxBps);
    error ArticleMissingAuthor();
    error ArticleEmptySealedKey();
    error ArticleZeroStorageRoot();
    error ArticleInvalidOracle(address oracle);
    error ArticleTransferRequiresProof(uint256 tokenId);
    error ArticleProofExpired(uint256 deadline, uint256 timestamp);
    error ArticleProofNonceUsed(uint256 nonce);
    error ArticleInvalidOracleSignature(address signer);
    error ArticleInvalidReceiverAcknowledgement(address receiver);
    error ArticleSealedKeyMismatch(bytes32 expected, bytes32 actual);
    error ArticleNotTokenOwner(uint256 tokenId, address account);
    error ArticleZeroPayment();
    error ArticleNothingToWithdraw(address account);
    error ArticleWithdrawFailed(address account, uint256 amount);

    event ArticleMinted(uint256 indexed tokenId, address indexed owner, bytes32 storageRoot, bytes32 metadataHash);
    event PayeeAdded(uint256 indexed tokenId, address indexed account, uint16 shareBps, PayeeRole role);
    event SealedKeyPublished(uint256 indexed tokenId, address indexed owner, bytes32 sealedKeyHash);
    event TransferredWithProof(uint256 indexed tokenId, address indexed from, address indexed to, uint256 nonce);
    event AuthorizationsCleared(uint256 indexed tokenId, uint256 newEpoch);
    event UsageAuthorized(uint256 indexed tokenId, address indexed user, uint256 epoch);
    event UsageRevoked(uint256 indexed tokenId, address indexed user, uint256 epoch);
    event PaymentReceived(uint256 indexed tokenId, address indexed payer, uint256 amount);
    event PaymentCredited(uint256 indexed tokenId, address indexed payee, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event ReencryptionOracleChanged(address indexed previousOracle, address indexed newOracle);

    address private _reencryptionOracle;
    uint256 private _lastTokenId;
    mapping(uint256 tokenId => IntelligentData) private _intelligentData;
    mapping(uint256 tokenId => bytes) private _sealedKeys;
    mapping(uint256 tokenId => Payee[]) private _splits;
    mapping(uint256 tokenId => uint256) private _revenue;
    mapping(address account => uint256) private _withdrawable;
    mapping(uint256 nonce => bool) private _usedProofNonces;
    mapping(uint256 tokenId => uint256) private _authorizationEpochs;
    mapping(uint256 tokenId => mapping(uint256 epoch => mapping(address user => bool))) private _usageAuthorizations;

    /// @param admin Holder of DEFAULT_ADMIN_ROLE (grants MINTER_ROLE, rotates the oracle).
    /// @param oracle The platform's re-encryption oracle, which signs transfer proofs.
    constructor(address admin, address oracle) ERC721("MedNexus Article", "MNXA") EIP712("MedNexus ArticleToken", "1") {
        if (oracle == address(0)) revert ArticleInvalidOracle(oracle);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _reencryptionOracle = oracle;
        emit ReencryptionOracleChanged(address(0), oracle);
    }

    // ---------------------------------------------------------------- minting

    /// @notice Mints an article token to `to` with its encrypted-content data and a revenue split fixed for ever.
    /// @param to First owner of the token.
    /// @param data Storage root of the encrypted article and hash of its metadata.
    /// @param sealedKey The article's content key sealed to `to`.
    /// @param payees The revenue split; shares in basis points summing to 10,000. Rounding dust goes to `payees[0]`.
    /// @param royaltyBps ERC-2981 royalty on secondary sales, in basis points, credited to the split.
    /// @return tokenId The new token's id (sequential from 1).
    function mint(
        address to,
        IntelligentData calldata data,
        bytes calldata sealedKey,
        Payee[] calldata payees,
        uint96 royaltyBps
    ) external onlyRole(MINTER_ROLE) returns (uint256 tokenId) {
        if (data.storageRoot == bytes32(0)) revert ArticleZeroStorageRoot();
        if (sealedKey.length == 0) revert ArticleEmptySealedKey();
        _validateSplit(payees);

        tokenId = ++_lastTokenId;
        _intelligentData[tokenId] = data;
        _sealedKeys[tokenId] = sealedKey;
        Payee[] storage split = _splits[tokenId];
        for (uint256 i = 0; i < payees.length; ++i) {
            split.push(payees[i]);
            emit PayeeAdded(tokenId, payees[i].account, payees[i].shareBps, payees[i].role);
        }
        _setTokenRoyalty(tokenId, address(this), royaltyBps);
        _mint(to, tokenId);
        emit ArticleMinted(tokenId, to, data.storageRoot, data.metadataHash);
        emit SealedKeyPublished(tokenId, to, keccak256(sealedKey));
    }

    // ---------------------------------------------------------------- transfers

    /// @notice Moves `proof.tokenId` to `proof.to` and publishes the key re-sealed for the receiver.
    /// @dev The caller must be the owner or approved. The oracle signs a `TransferProof`; the receiver signs a
    /// `TransferAcknowledgement` with the same fields (EOA or ERC-1271). Each nonce is usable once.
    /// @param proof The transfer the oracle attests.
    /// @param newSealedKey The content key sealed to `proof.to`; its keccak256 must equal `proof.sealedKeyHash`.
    /// @param oracleSignature The oracle's EIP-712 signature of `proof`.
    /// @param receiverSignature The receiver's EIP-712 signature of the acknowledgement.
    function transferWithProof(
        TransferProof calldata proof,
        bytes calldata newSealedKey,
        bytes calldata oracleSignature,
        bytes calldata receiverSignature
    ) external {
        if (block.timestamp > proof.deadline) revert ArticleProofExpired(proof.deadline, block.timestamp);
        if (_usedProofNonces[proof.nonce]) revert ArticleProofNonceUsed(proof.nonce);
        if (proof.to == address(0)) revert ERC721InvalidReceiver(address(0));
        bytes32 actualKeyHash = keccak256(newSealedKey);
        if (actualKeyHash != proof.sealedKeyHash) revert ArticleSealedKeyMismatch(proof.sealedKeyHash, actualKeyHash);

        address owner = _requireOwned(proof.tokenId);
        if (owner != proof.from) revert ERC721IncorrectOwner(proof.from, proof.tokenId, owner);
        _checkAuthorized(owner, _msgSender(), proof.tokenId);

        _verifyTransferSignatures(proof, oracleSignature, receiverSignature);

        _usedProofNonces[proof.nonce] = true;
        _sealedKeys[proof.tokenId] = newSealedKey;
        _transfer(owner, proof.to, proof.tokenId);
        emit SealedKeyPublished(proof.tokenId, proof.to, actualKeyHash);
        emit TransferredWithProof(proof.tokenId, owner, proof.to, proof.nonce);
    }

    /// @notice Always reverts: an article moves only with `transferWithProof`, so the key is re-sealed for the receiver.
    function transferFrom(address, address, uint256 tokenId) public pure override {
        revert ArticleTransferRequiresProof(tokenId);
    }

    /// @notice Always reverts: an article moves only with `transferWithProof`, so the key is re-sealed for the receiver.
    function safeTransferFrom(address, address, uint256 tokenId, bytes memory) public pure override {
        revert ArticleTransferRequiresProof(tokenId);
    }

    // ---------------------------------------------------------------- usage authorizations

    /// @notice Lets `user` (a licensee) use the article until the token next changes hands or the owner revokes.
    /// @param tokenId The article token.
    /// @param user The account authorised.
    function authorizeUsage(uint256 tokenId, address user) external {
        _requireTokenOwner(tokenId);
        uint256 epoch = _authorizationEpochs[tokenId];
        _usageAuthorizations[tokenId][epoch][user] = true;
        emit UsageAuthorized(tokenId, user, epoch);
    }

    /// @notice Withdraws the authorisation given to `user`.
    /// @param tokenId The article token.
    /// @param user The account whose authorisation ends.
    function revokeAuthorization(uint256 tokenId, address user) external {
        _requireTokenOwner(tokenId);
        uint256 epoch = _authorizationEpochs[tokenId];
        _usageAuthorizations[tokenId][epoch][user] = false;
        emit UsageRevoked(tokenId, user, epoch);
    }

    /// @notice Whether `user` is authorised to use the article under its current owner.
    /// @param tokenId The article token.
    /// @param user The account asked about.
    /// @return True while the authorisation given by the current owner stands.
    function isAuthorizedUser(uint256 tokenId, address user) external view returns (bool) {
        return _usageAuthorizations[tokenId][_authorizationEpochs[tokenId]][user];
    }

    /// @notice The authorisation epoch of a token; it grows by one at every transfer, which voids older grants.
    /// @param tokenId The article token.
    /// @return The current epoch.
    function authorizationEpochOf(uint256 tokenId) external view returns (uint256) {
        return _authorizationEpochs[tokenId];
    }

    // ---------------------------------------------------------------- revenue split

    /// @notice Credits `msg.value` to the split of `tokenId` (purchases, royalties, tips).
    /// @dev Each payee gets `value * share / 10_000`, rounded down; the rounding dust goes to the first payee.
    /// @param tokenId The article whose split is credited.
    function pay(uint256 tokenId) external payable {
        _requireOwned(tokenId);
        if (msg.value == 0) revert ArticleZeroPayment();
        Payee[] storage split = _splits[tokenId];
        _revenue[tokenId] += msg.value;
        uint256 distributed = 0;
        uint256[] memory amounts = new uint256[](split.length);
        for (uint256 i = 0; i < split.length; ++i) {
            amounts[i] = (msg.value * split[i].shareBps) / TOTAL_SHARES_BPS;
            distributed += amounts[i];
        }
        amounts[0] += msg.value - distributed;
        for (uint256 i = 0; i < split.length; ++i) {
            _withdrawable[split[i].account] += amounts[i];
        }
        emit PaymentReceived(tokenId, _msgSender(), msg.value);
        for (uint256 i = 0; i < split.length; ++i) {
            if (amounts[i] > 0) emit PaymentCredited(tokenId, split[i].account, amounts[i]);
        }
    }

    /// @notice Sends the caller everything credited to them across all articles.
    function withdraw() external nonReentrant {
        address account = _msgSender();
        uint256 amount = _withdrawable[account];
        if (amount == 0) revert ArticleNothingToWithdraw(account);
        _withdrawable[account] = 0;
        emit Withdrawn(account, amount);
        (bool sent,) = payable(account).call{value: amount}("");
        if (!sent) revert ArticleWithdrawFailed(account, amount);
    }

    /// @notice Wei credited to `account` and not yet withdrawn.
    /// @param account A payee.
    /// @return The withdrawable amount in wei.
    function withdrawableOf(address account) external view returns (uint256) {
        return _withdrawable[account];
    }

    /// @notice The revenue split of an article, as fixed at mint.
    /// @param tokenId The article token.
    /// @return The payees in their mint order (the first one receives rounding dust).
    function splitOf(uint256 tokenId) external view returns (Payee[] memory) {
        _requireOwned(tokenId);
        return _splits[tokenId];
    }

    /// @notice Total wei ever paid to the split of an article.
    /// @param tokenId The article token.
    /// @return The cumulative revenue in wei.
    function revenueOf(uint256 tokenId) external view returns (uint256) {
        return _revenue[tokenId];
    }

    // ---------------------------------------------------------------- intelligent data and oracle

    /// @notice The encrypted article a token stands for.
    /// @param tokenId The article token.
    /// @return The storage root and metadata hash.
    function intelligentDataOf(uint256 tokenId) external view returns (IntelligentData memory) {
        _requireOwned(tokenId);
        return _intelligentData[tokenId];
    }

    /// @notice The content key sealed for the current owner.
    /// @param tokenId The article token.
    /// @return The sealed key bytes, as published by the last mint or transfer.
    function sealedKeyOf(uint256 tokenId) external view returns (bytes memory) {
        _requireOwned(tokenId);
        return _sealedKeys[tokenId];
    }

    /// @notice Whether a transfer-proof nonce has been spent.
    /// @param nonce A proof nonce.
    /// @return True once a transfer used it.
    function isProofNonceUsed(uint256 nonce) external view returns (bool) {
        return _usedProofNonces[nonce];
    }

    /// @notice The address whose signature transfer proofs need.
    /// @return The platform's re-encryption oracle.
    function reencryptionOracle() external view returns (address) {
        return _reencryptionOracle;
    }

    /// @notice Replaces the re-encryption oracle (key rotation). It has no power over balances.
    /// @param newOracle The new oracle address.
    function setReencryptionOracle(address newOracle) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newOracle == address(0)) revert ArticleInvalidOracle(newOracle);
        address previous = _reencryptionOracle;
        _reencryptionOracle = newOracle;
        emit ReencryptionOracleChanged(previous, newOracle);
    }

    /// @notice The id of the most recently minted token (0 before the first mint).
    /// @return The last token id.
    function lastTokenId() external view returns (uint256) {
        return _lastTokenId;
    }

    /// @notice ERC-165 support for ERC-721, ERC-2981 and AccessControl.
    /// @param interfaceId The interface asked about.
    /// @return True when supported.
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, ERC2981, AccessControl)
        returns (bool)
    {
        return super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Every change of owner (including burns) voids the authorisations given by the previous owner.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        if (from != address(0) && from != to) {
            uint256 newEpoch = ++_authorizationEpochs[tokenId];
            emit AuthorizationsCleared(tokenId, newEpoch);
        }
    }

    function _requireTokenOwner(uint256 tokenId) private view {
        address owner = _requireOwned(tokenId);
        if (owner != _msgSender()) revert ArticleNotTokenOwner(tokenId, _msgSender());
    }

    function _verifyTransferSignatures(
        TransferProof calldata proof,
        bytes calldata oracleSignature,
        bytes calldata receiverSignature
    ) private view {
        bytes32 proofDigest = _hashTypedDataV4(_hashTransfer(TRANSFER_PROOF_TYPEHASH, proof));
        (address signer, ECDSA.RecoverError recoverError,) = ECDSA.tryRecover(proofDigest, oracleSignature);
        if (recoverError != ECDSA.RecoverError.NoError || signer != _reencryptionOracle) {
            revert ArticleInvalidOracleSignature(signer);
        }
        bytes32 ackDigest = _hashTypedDataV4(_hashTransfer(TRANSFER_ACKNOWLEDGEMENT_TYPEHASH, proof));
        if (!SignatureChecker.isValidSignatureNow(proof.to, ackDigest, receiverSignature)) {
            revert ArticleInvalidReceiverAcknowledgement(proof.to);
        }
    }

    function _hashTransfer(bytes32 typeHash, TransferProof calldata proof) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                typeHash, proof.tokenId, proof.from, proof.to, proof.sealedKeyHash, proof.nonce, proof.deadline
            )
        );
    }

    function _validateSplit(Payee[] calldata payees) private pure {
        uint256 count = payees.length;
        if (count == 0) revert ArticleNoPayees();
        if (count > MAX_PAYEES) revert ArticleTooManyPayees(count, MAX_PAYEES);
        uint256 total = 0;
        uint256 platformFee = 0;
        bool hasAuthor = false;
        for (uint256 i = 0; i < count; ++i) {
            Payee calldata payee = payees[i];
            if (payee.account == address(0)) revert ArticleZeroPayee(i);
            if (payee.shareBps == 0) revert ArticleZeroShare(payee.account);
            for (uint256 j = 0; j < i; ++j) {
                if (payees[j].account == payee.account) revert ArticleDuplicatePayee(payee.account);
            }
            total += payee.shareBps;
            if (payee.role == PayeeRole.Platform) platformFee += payee.shareBps;
            if (payee.role == PayeeRole.Author) hasAuthor = true;
        }
        if (total != TOTAL_SHARES_BPS) revert ArticleInvalidShares(total);
        if (platformFee > MAX_PLATFORM_FEE_BPS) revert ArticlePlatformFeeTooHigh(platformFee, MAX_PLATFORM_FEE_BPS);
        if (!hasAuthor) revert ArticleMissingAuthor();
    }
}
