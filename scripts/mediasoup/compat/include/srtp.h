// ecabinet: the libsrtp 3 API that mediasoup 3.27's worker calls, on top of
// Debian 12's libsrtp2 (2.5). mediasoup pins a libsrtp3 beta that is only
// fetchable from GitHub; the worker uses a small part of it (SrtpSession.cpp,
// DepLibSRTP.cpp), which maps onto libsrtp2 as follows:
// - libsrtp 3's srtp_policy_t is an opaque handle filled by setters; here it is
//   a heap object holding libsrtp2's policy struct and the key+salt buffer
//   libsrtp2 wants (libsrtp 3 takes key and salt separately). No MKI.
// - libsrtp 3 protects out of place with size_t lengths and an output capacity;
//   libsrtp2 works in place with int lengths and assumes room for the trailer,
//   so we copy first and check that room explicitly.
// C++ overloads (not macros) keep libsrtp2's own C declarations usable below.
#ifndef ECABINET_COMPAT_SRTP_H
#define ECABINET_COMPAT_SRTP_H

// Rename libsrtp2's policy struct so that srtp_policy_t can be libsrtp 3's
// handle type. C functions link by name only, so this changes no ABI.
#define srtp_policy_t ecabinet_srtp2_policy_t
#include <srtp2/srtp.h>
#undef srtp_policy_t

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>

// libsrtp 3 error codes that 2.5 lacks (the worker names them in its error
// table). Both fit in the enum's value range (2.5's last code is 27).
inline constexpr srtp_err_status_t srtp_err_status_buffer_small = static_cast<srtp_err_status_t>(28);
inline constexpr srtp_err_status_t srtp_err_status_cryptex_err  = static_cast<srtp_err_status_t>(29);

struct ecabinet_srtp_policy
{
	ecabinet_srtp2_policy_t policy;
	unsigned char key[SRTP_MAX_KEY_LEN];
};

typedef ecabinet_srtp_policy* srtp_policy_t;

inline srtp_err_status_t srtp_policy_create(srtp_policy_t* policy)
{
	if (policy == nullptr)
		return srtp_err_status_bad_param;

	// Value-initialised: next = NULL, no keys list, no encrypted extensions.
	*policy = new (std::nothrow) ecabinet_srtp_policy{};

	return *policy != nullptr ? srtp_err_status_ok : srtp_err_status_alloc_fail;
}

inline void srtp_policy_destroy(srtp_policy_t policy)
{
	if (policy == nullptr)
		return;

	// Wipe the master key; volatile so the compiler cannot drop the stores.
	volatile unsigned char* key = policy->key;

	for (size_t i = 0; i < sizeof(policy->key); ++i)
		key[i] = 0;

	delete policy;
}

inline srtp_err_status_t srtp_policy_set_ssrc(srtp_policy_t policy, srtp_ssrc_t ssrc)
{
	policy->policy.ssrc = ssrc;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_profile(srtp_policy_t policy, srtp_profile_t profile)
{
	const srtp_err_status_t err =
	  srtp_crypto_policy_set_from_profile_for_rtp(&policy->policy.rtp, profile);

	if (err != srtp_err_status_ok)
		return err;

	return srtp_crypto_policy_set_from_profile_for_rtcp(&policy->policy.rtcp, profile);
}

inline srtp_err_status_t srtp_policy_add_key(
  srtp_policy_t policy,
  const uint8_t* key,
  size_t keyLen,
  const uint8_t* salt,
  size_t saltLen,
  const uint8_t* /*mki*/,
  size_t mkiLen)
{
	// libsrtp2 takes MKIs through a different structure; the worker never uses one.
	if (mkiLen != 0 || keyLen + saltLen > sizeof(policy->key))
		return srtp_err_status_bad_param;

	std::memcpy(policy->key, key, keyLen);
	std::memcpy(policy->key + keyLen, salt, saltLen);
	policy->policy.key = policy->key;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_allow_repeat_tx(srtp_policy_t policy, bool allow)
{
	policy->policy.allow_repeat_tx = allow ? 1 : 0;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_window_size(srtp_policy_t policy, size_t windowSize)
{
	policy->policy.window_size = windowSize;

	return srtp_err_status_ok;
}

// libsrtp2 copies what it needs during srtp_create(), so the caller may destroy
// the policy right after, as the worker does.
inline srtp_err_status_t srtp_create(srtp_t* session, srtp_policy_t policy)
{
	if (policy == nullptr)
		return srtp_err_status_bad_param;

	return srtp_create(session, &policy->policy);
}

inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

namespace ecabinet_srtp_compat
{
	using InPlaceFn = srtp_err_status_t (*)(srtp_t, void*, int*);

	// Copies input to output, then runs libsrtp2's in-place call there.
	// `trailer` is the most the call may add (0 when it only shrinks the packet).
	inline srtp_err_status_t OutOfPlace(
	  InPlaceFn fn, srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen, size_t trailer)
	{
		if (inLen > static_cast<size_t>(INT_MAX) - trailer || *outLen < inLen + trailer)
			return srtp_err_status_buffer_small;

		if (out != in)
			std::memmove(out, in, inLen);

		int len = static_cast<int>(inLen);
		const srtp_err_status_t err = fn(ctx, out, &len);

		if (err == srtp_err_status_ok)
			*outLen = static_cast<size_t>(len);

		return err;
	}
} // namespace ecabinet_srtp_compat

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t mkiIndex)
{
	if (mkiIndex != 0)
		return srtp_err_status_bad_param;

	return ecabinet_srtp_compat::OutOfPlace(
	  static_cast<ecabinet_srtp_compat::InPlaceFn>(srtp_protect), ctx, rtp, rtpLen, srtp, srtpLen, SRTP_MAX_TRAILER_LEN);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	return ecabinet_srtp_compat::OutOfPlace(
	  static_cast<ecabinet_srtp_compat::InPlaceFn>(srtp_unprotect), ctx, srtp, srtpLen, rtp, rtpLen, 0);
}

// SRTCP adds the 4-byte E flag + SRTCP index on top of the tag (RFC 3711 3.4).
inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t mkiIndex)
{
	if (mkiIndex != 0)
		return srtp_err_status_bad_param;

	return ecabinet_srtp_compat::OutOfPlace(
	  static_cast<ecabinet_srtp_compat::InPlaceFn>(srtp_protect_rtcp),
	  ctx,
	  rtcp,
	  rtcpLen,
	  srtcp,
	  srtcpLen,
	  SRTP_MAX_TRAILER_LEN + 4);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	return ecabinet_srtp_compat::OutOfPlace(
	  static_cast<ecabinet_srtp_compat::InPlaceFn>(srtp_unprotect_rtcp), ctx, srtcp, srtcpLen, rtcp, rtcpLen, 0);
}

#endif
