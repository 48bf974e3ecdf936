/**
 * {@code s3a://} for Stoker's sources: Hadoop's S3A connector behind io's {@link
 * dev.stoker.io.storage.Storage} seam.
 *
 * <p>An add-on: depend on {@code stoker-s3} and every source reads {@code s3a://bucket/key}
 * locations, found by scheme through {@code stoker-hadoop}'s provider. It pulls {@code hadoop-aws}
 * 3.5.0 with the AWS SDK's S3 client and transfer manager only, not the SDK's 686 MB {@code bundle}
 * that {@code hadoop-aws} declares. {@link dev.stoker.s3.S3Storage} configures an S3-compatible
 * endpoint with static keys.
 */
@NullMarked
package dev.stoker.s3;

import org.jspecify.annotations.NullMarked;
