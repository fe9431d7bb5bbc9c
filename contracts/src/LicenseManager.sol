// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ArticleToken} from "./ArticleToken.sol";

/// @title LicenseManager
/// @notice Sells time-limited licences to read or use MedNexus articles. Terms are registered once per article and
/// id and never change; every purchase is paid exactly and credited at once to the article's revenue split.
/// @dev The contract never holds value: `purchaseLicense` forwards the payment to `ArticleToken.pay` in the same call.
/// Pausing stops sales and licence transfers only; it cannot touch balances, which live in the ArticleToken split.
contract LicenseManager is AccessControl, Pausable, ReentrancyGuard {
    /// @notice Role allowed to pause and unpause sales.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Role allowed to register terms for any article (besides the article's owner).
    bytes32 public constant TERMS_REGISTRAR_ROLE = keccak256("TERMS_REGISTRAR_ROLE");

    /// @notice `expiresAt` of a licence whose terms have no duration.
    uint64 public constant PERPETUAL = type(uint64).max;

    enum LicenseKind {
        PersonalReading,
        Institutional,
        Commercial,
        AITraining
    }

    /// @notice Terms of a licence offer. `duration` 0 means perpetual.
    struct LicenseTerms {
        LicenseKind kind;
        bool transferable;
        bool registered;
        uint64 duration;
        uint256 price;
        bytes32 termsHash;
    }

    /// @notice One purchased licence.
    struct License {
        address licensee;
        uint256 tokenId;
        uint256 termsId;
        uint64 expiresAt;
    }

    error LicenseTermsAlreadyRegistered(uint256 tokenId, uint256 termsId);
    error LicenseTermsNotFound(uint256 tokenId, uint256 termsId);
    error LicenseUnauthorizedRegistrar(uint256 tokenId, address account);
    error LicenseIncorrectPayment(uint256 expected, uint256 sent);
    error LicenseNotFound(uint256 licenseId);
    error LicenseNotLicensee(uint256 licenseId, address account);
    error LicenseNotTransferable(uint256 licenseId);
    error LicenseExpired(uint256 licenseId, uint64 expiresAt);
    error LicenseInvalidRecipient(address recipient);
    error LicenseInvalidArticleToken(address articleToken);

    event LicenseTermsRegistered(
        uint256 indexed tokenId,
        uint256 indexed termsId,
        LicenseKind kind,
        uint256 price,
        uint64 duration,
        bool transferable,
        bytes32 termsHash
    );
    event LicensePurchased(
        uint256 indexed licenseId,
        uint256 indexed tokenId,
        uint256 indexed termsId,
        address licensee,
        uint64 expiresAt,
        uint256 price
    );
    event LicenseTransferred(uint256 indexed licenseId, address indexed from, address indexed to);

    ArticleToken private immutable _articleToken;
    uint256 private _lastLicenseId;
    mapping(uint256 tokenId => mapping(uint256 termsId => LicenseTerms)) private _terms;
    mapping(uint256 licenseId => License) private _licenses;
    mapping(uint256 tokenId => mapping(address account => uint256[] licenseIds)) private _licenseIds;

    /// @param token The ArticleToken whose articles are licensed and whose splits receive the revenue.
    /// @param admin Holder of DEFAULT_ADMIN_ROLE and PAUSER_ROLE.
    constructor(ArticleToken token, address admin) {
        if (address(token).code.length == 0) revert LicenseInvalidArticleToken(address(token));
        _articleToken = token;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
    }

    /// @notice Registers licence terms for an article, once per (tokenId, termsId); terms never change afterwards.
    /// @dev Callable by the article's owner or a TERMS_REGISTRAR_ROLE holder.
    /// @param tokenId The article token.
    /// @param termsId Caller-chosen id of the offer, unique per article.
    /// @param kind What the licence allows.
    /// @param price Exact price in wei (0 for a free licence).
    /// @param duration Validity in seconds from purchase; 0 for perpetual.
    /// @param transferable Whether a licensee may hand the licence on.
    /// @param termsHash Hash of the human-readable terms document.
    function registerTerms(
        uint256 tokenId,
        uint256 termsId,
        LicenseKind kind,
        uint256 price,
        uint64 duration,
        bool transferable,
        bytes32 termsHash
    ) external {
        address owner = _articleToken.ownerOf(tokenId);
        if (_msgSender() != owner && !hasRole(TERMS_REGISTRAR_ROLE, _msgSender())) {
            revert LicenseUnauthorizedRegistrar(tokenId, _msgSender());
        }
        if (_terms[tokenId][termsId].registered) revert LicenseTermsAlreadyRegistered(tokenId, termsId);
        _terms[tokenId][termsId] = LicenseTerms({
            kind: kind,
            transferable: transferable,
            registered: true,
            duration: duration,
            price: price,
            termsHash: termsHash
        });
        emit LicenseTermsRegistered(tokenId, termsId, kind, price, duration, transferable, termsHash);
    }

    /// @notice Buys a licence under registered terms; `msg.value` must equal the price exactly.
    /// @param tokenId The article token.
    /// @param termsId The offer bought.
    /// @return licenseId The id of the new licence record.
    function purchaseLicense(uint256 tokenId, uint256 termsId)
        external
        payable
        whenNotPaused
        nonReentrant
        returns (uint256 licenseId)
    {
        LicenseTerms storage terms = _terms[tokenId][termsId];
        if (!terms.registered) revert LicenseTermsNotFound(tokenId, termsId);
        if (msg.value != terms.price) revert LicenseIncorrectPayment(terms.price, msg.value);

        uint64 expiresAt = terms.duration == 0 ? PERPETUAL : uint64(block.timestamp) + terms.duration;
        licenseId = ++_lastLicenseId;
        _licenses[licenseId] =
            License({licensee: _msgSender(), tokenId: tokenId, termsId: termsId, expiresAt: expiresAt});
        _licenseIds[tokenId][_msgSender()].push(licenseId);
        emit LicensePurchased(licenseId, tokenId, termsId, _msgSender(), expiresAt, msg.value);

        if (msg.value > 0) _articleToken.pay{value: msg.value}(tokenId);
    }

    /// @notice Hands an unexpired, transferable licence to another account.
    /// @param licenseId The licence.
    /// @param to The new licensee.
    function transferLicense(uint256 licenseId, address to) external whenNotPaused {
        License storage license = _licenses[licenseId];
        if (license.licensee == address(0)) revert LicenseNotFound(licenseId);
        address from = _msgSender();
        if (license.licensee != from) revert LicenseNotLicensee(licenseId, from);
        if (!_terms[license.tokenId][license.termsId].transferable) revert LicenseNotTransferable(licenseId);
        if (license.expiresAt <= block.timestamp) revert LicenseExpired(licenseId, license.expiresAt);
        if (to == address(0) || to == from) revert LicenseInvalidRecipient(to);

        license.licensee = to;
        _removeLicenseId(_licenseIds[license.tokenId][from], licenseId);
        _licenseIds[license.tokenId][to].push(licenseId);
        emit LicenseTransferred(licenseId, from, to);
    }

    /// @notice Stops sales and licence transfers. Balances and withdrawals are not affected.
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Resumes sales and licence transfers.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /// @notice Whether `account` holds at least one unexpired licence for the article.
    /// @param tokenId The article token.
    /// @param account The account asked about.
    /// @return True while some licence of `account` for `tokenId` has not expired.
    function hasValidLicense(uint256 tokenId, address account) external view returns (bool) {
        uint256[] storage ids = _licenseIds[tokenId][account];
        for (uint256 i = 0; i < ids.length; ++i) {
            if (_licenses[ids[i]].expiresAt > block.timestamp) return true;
        }
        return false;
    }

    /// @notice A licence record.
    /// @param licenseId The licence.
    /// @return The licensee, article, terms and expiry.
    function licenseOf(uint256 licenseId) external view returns (License memory) {
        License memory license = _licenses[licenseId];
        if (license.licensee == address(0)) revert LicenseNotFound(licenseId);
        return license;
    }

    /// @notice The ids of the licences `account` holds for an article, expired ones included.
    /// @param tokenId The article token.
    /// @param account The licensee.
    /// @return The licence ids.
    function licensesOf(uint256 tokenId, address account) external view returns (uint256[] memory) {
        return _licenseIds[tokenId][account];
    }

    /// @notice Registered terms of an offer.
    /// @param tokenId The article token.
    /// @param termsId The offer.
    /// @return The terms.
    function termsOf(uint256 tokenId, uint256 termsId) external view returns (LicenseTerms memory) {
        LicenseTerms memory terms = _terms[tokenId][termsId];
        if (!terms.registered) revert LicenseTermsNotFound(tokenId, termsId);
        return terms;
    }

    /// @notice The ArticleToken this manager sells licences for.
    /// @return The ArticleToken address.
    function articleToken() external view returns (address) {
        return address(_articleToken);
    }

    /// @notice The id of the most recent licence (0 before the first sale).
    /// @return The last licence id.
    function lastLicenseId() external view returns (uint256) {
        return _lastLicenseId;
    }

    function _removeLicenseId(uint256[] storage ids, uint256 licenseId) private {
        uint256 last = ids.length - 1;
        for (uint256 i = 0; i <= last; ++i) {
            if (ids[i] == licenseId) {
                ids[i] = ids[last];
                ids.pop();
                return;
            }
        }
    }
}
