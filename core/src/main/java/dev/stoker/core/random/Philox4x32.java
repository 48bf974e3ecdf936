package dev.stoker.core.random;

/**
 * The Philox4x32-10 block function of Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as
 * easy as 1, 2, 3" (SC'11): a keyed bijection from a 128-bit counter to 128 random bits.
 *
 * <p>A counter-based generator has no state to share: any thread can compute the numbers of any key
 * and counter directly, in any order, which is what makes Stoker's augmentation reproducible
 * whatever the thread count. Philox4x32-10 passes TestU01's BigCrush, and is the generator behind
 * TensorFlow's and JAX's stateless random ops.
 *
 * <pre>
 * round (10 times):            key schedule between rounds:
 *   hi0:lo0 = M0 · c0            k0 += 0x9E3779B9
 *   hi1:lo1 = M1 · c2            k1 += 0xBB67AE85
 *   c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
 * </pre>
 */
final class Philox4x32 {
  private static final long M0 = 0xD2511F53L;
  private static final long M1 = 0xCD9E8D57L;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;
  private static final int ROUNDS = 10;

  private Philox4x32() {}

  /**
   * Encrypts {@code counter} under {@code (k0, k1)} and writes four 32-bit words into {@code out}.
   *
   * @param c0 counter word 0
   * @param c1 counter word 1
   * @param c2 counter word 2
   * @param c3 counter word 3
   * @param k0 key word 0
   * @param k1 key word 1
   * @param out receives the four output words; length at least 4
   */
  static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
    for (int round = 0; round < ROUNDS; round++) {
      long p0 = M0 * (c0 & 0xFFFFFFFFL);
      long p1 = M1 * (c2 & 0xFFFFFFFFL);
      int hi0 = (int) (p0 >>> 32);
      int lo0 = (int) p0;
      int hi1 = (int) (p1 >>> 32);
      int lo1 = (int) p1;
      c0 = hi1 ^ c1 ^ k0;
      c1 = lo1;
      c2 = hi0 ^ c3 ^ k1;
      c3 = lo0;
      k0 += W0;
      k1 += W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }
}
