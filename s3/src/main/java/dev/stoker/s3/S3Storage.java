package dev.stoker.s3;

import dev.stoker.hadoop.HadoopStorage;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;

/**
 * Storage for {@code s3a://} locations on an S3-compatible endpoint with static credentials: MinIO,
 * Ceph, S3Proxy, or AWS itself with keys. On AWS with the usual credential chain nothing is needed
 * beyond this module on the class path: a source given {@code s3a://bucket/...} finds {@link
 * HadoopStorage} by its scheme, configured from {@code core-site.xml} ({@code fs.s3a.*}).
 *
 * <pre>{@code
 * Storage s3 = S3Storage.forEndpoint(URI.create("http://minio:9000"), "key", "secret");
 * TfRecordSource.open(TfRecordOptions.builder(List.of("s3a://data/train-*.tfrecord"))
 *     .storage(s3).build());
 * }</pre>
 *
 * <p><b>Threading.</b> The storage is thread-safe and holds no resources of its own (see {@link
 * HadoopStorage}).
 */
public final class S3Storage {
  private S3Storage() {}

  /**
   * Returns the S3A settings for an endpoint: path-style access (bucket in the path, as most
   * S3-compatible servers want), static credentials, TLS as the endpoint's scheme says, and a
   * bounded number of retries so an unreachable endpoint fails instead of waiting.
   *
   * @param endpoint the endpoint, {@code http://host:port} or {@code https://host}
   * @param accessKey the access key id
   * @param secretKey the secret key
   * @return a new configuration the caller may extend
   */
  public static Configuration configuration(URI endpoint, String accessKey, String secretKey) {
    String scheme = endpoint.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "endpoint=" + endpoint + " (expected: an http:// or https:// URI)");
    }
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", endpoint.toString());
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.setBoolean("fs.s3a.path.style.access", true);
    conf.setBoolean("fs.s3a.connection.ssl.enabled", "https".equals(scheme));
    conf.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    conf.setInt("fs.s3a.attempts.maximum", 2);
    conf.setInt("fs.s3a.retry.limit", 2);
    return conf;
  }

  /**
   * Returns a storage for an S3-compatible endpoint; see {@link #configuration}.
   *
   * @param endpoint the endpoint, {@code http://host:port} or {@code https://host}
   * @param accessKey the access key id
   * @param secretKey the secret key
   * @return the storage
   */
  public static HadoopStorage forEndpoint(URI endpoint, String accessKey, String secretKey) {
    return new HadoopStorage(configuration(endpoint, accessKey, secretKey));
  }
}
