/**
 * One promise per key, made on first use and shared by every caller after (a store's title
 * index, its local model, a text provider, an analysis). A rejected promise is forgotten, so the
 * next call tries again, unless `keepFailure` says the failure will not change by retrying (a
 * store without the data asked for).
 */
export interface PromiseCache<K, V> {
  get(key: K): Promise<V> | undefined;
  set(key: K, value: Promise<V>): unknown;
  delete(key: K): unknown;
}

export function memoAsync<K, V>(
  create: (key: K) => Promise<V>,
  options: { cache?: PromiseCache<K, V>; keepFailure?: (err: unknown) => boolean } = {},
): (key: K) => Promise<V> {
  const cache = options.cache ?? new Map<K, Promise<V>>();
  const keep = options.keepFailure ?? (() => false);
  return (key) => {
    let p = cache.get(key);
    if (!p) {
      p = create(key);
      cache.set(key, p);
      p.catch((err) => {
        if (!keep(err)) cache.delete(key);
      });
    }
    return p;
  };
}
