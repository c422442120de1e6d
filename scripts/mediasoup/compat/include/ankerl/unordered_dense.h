// ecabinet: stand-in for ankerl::unordered_dense (header-only, not packaged in
// Debian 12). The worker only uses map, set and hash, and never relies on the
// insertion-order iteration unordered_dense happens to give, so the standard
// containers are a drop-in; they are slower, which does not matter at our scale.
#ifndef ECABINET_COMPAT_ANKERL_UNORDERED_DENSE_H
#define ECABINET_COMPAT_ANKERL_UNORDERED_DENSE_H

#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl::unordered_dense
{
	template<typename T, typename Enable = void>
	struct hash : std::hash<T>
	{
	};

	template<
	  typename Key,
	  typename T,
	  typename Hash      = hash<Key>,
	  typename KeyEqual  = std::equal_to<Key>,
	  typename Allocator = std::allocator<std::pair<const Key, T>>>
	using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

	template<
	  typename Key,
	  typename Hash      = hash<Key>,
	  typename KeyEqual  = std::equal_to<Key>,
	  typename Allocator = std::allocator<Key>>
	using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;
} // namespace ankerl::unordered_dense

#endif
