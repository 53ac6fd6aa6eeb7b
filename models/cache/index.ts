/** Cache eviction policies and the kubelet-style image store, in one import. */
export * from './policy.ts';
export { createCache, type CacheOptions } from './create-cache.ts';
export { LruCache } from './lru.ts';
export { FifoCache } from './fifo.ts';
export { LfuCache } from './lfu.ts';
export { ArcCache } from './arc.ts';
export { ClockCache } from './clock.ts';
export { S3FifoCache, type S3FifoOptions } from './s3fifo.ts';
export { ImageStore, type ImageStoreOptions, type ImageStoreStats } from './image-store.ts';
