package dev.stoker.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.SampleTarget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same bytes whatever the number of worker threads and the order in which
 * samples are processed: every worker has its own executor, plans come from the shared immutable
 * augmentation.
 */
class DeterminismTest {
  private static final int BATCH = 48;
  private static final Augmentation AUG =
      Augmentation.builder()
          .add(RandomResizedCrop.of(40))
          .add(new RandomRotation(25))
          .add(new RandomZoom(0.9, 1.1))
          .add(new RandomRotate90())
          .add(new HorizontalFlip(0.5))
          .add(new ColorJitter(0.4, 0.4, 0.4, 0.1))
          .fill(FillMode.REFLECT, 0)
          .normalization(Normalization.rescale(1f / 255))
          .build();
  private static final BatchLayout LAYOUT =
      new BatchLayout(BATCH, 40, 40, 3, ElementType.FLOAT32, ChannelOrder.NCHW);

  @Test
  void sameBytesWithOneTwoAndEightThreadsInAnyOrder() throws Exception {
    try (MemoryBudget budget = MemoryBudget.create("determinism", 64L << 20)) {
      List<OffHeapBuffer> images = new ArrayList<>();
      try {
        int[][] sizes = new int[BATCH][];
        for (int i = 0; i < BATCH; i++) {
          int w = 60 + (i * 37) % 90;
          int h = 50 + (i * 53) % 80;
          byte[] px = Reference.image(w, h, i);
          OffHeapBuffer buf = budget.allocate("image " + i, px.length);
          MemorySegment.copy(px, 0, buf.segment(), ValueLayout.JAVA_BYTE, 0, px.length);
          images.add(buf);
          sizes[i] = new int[] {w, h};
        }
        byte[] one = run(budget, images, sizes, 1, 0);
        byte[] two = run(budget, images, sizes, 2, 1);
        byte[] eight = run(budget, images, sizes, 8, 2);
        byte[] eightAgain = run(budget, images, sizes, 8, 3);
        assertThat(two).isEqualTo(one);
        assertThat(eight).isEqualTo(one);
        assertThat(eightAgain).isEqualTo(one);
        byte[] otherSeed = run(budget, images, sizes, 2, 4, 8);
        assertThat(otherSeed).isNotEqualTo(one);
      } finally {
        images.forEach(OffHeapBuffer::close);
      }
      assertThat(budget.usedBytes()).isZero();
    }
  }

  private static byte[] run(
      MemoryBudget budget, List<OffHeapBuffer> images, int[][] sizes, int threads, long shuffle)
      throws Exception {
    return run(budget, images, sizes, threads, shuffle, 7);
  }

  private static byte[] run(
      MemoryBudget budget,
      List<OffHeapBuffer> images,
      int[][] sizes,
      int threads,
      long shuffle,
      long seed)
      throws Exception {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(shuffle));
    AtomicInteger next = new AtomicInteger();
    try (OffHeapBuffer slab = budget.allocate("slab", LAYOUT.byteSize())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    try (AugmentExecutor executor = new AugmentExecutor(AUG, budget)) {
                      for (int k; (k = next.getAndIncrement()) < BATCH; ) {
                        int i = order.get(k);
                        int w = sizes[i][0];
                        int h = sizes[i][1];
                        SamplePlan plan = AUG.plan(seed, 3, 1000 + i, w, h);
                        executor.execute(
                            plan,
                            PixelBuffer.packed(images.get(i).segment(), w, h, 3),
                            SampleTarget.of(slab.segment(), LAYOUT, i));
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      return slab.segment().toArray(ValueLayout.JAVA_BYTE);
    }
  }
}
