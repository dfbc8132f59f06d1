package io.github.legacyauth.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.core.HashBudgetRefusal;

/**
 * While every slot of the budget is taken, a further check waits, then is refused and marked as a
 * budget refusal (which the legacy login does not count as a wrong password); once slots are free,
 * checks run again. Memory past the whole budget is refused at once, without the mark.
 */
class HashBudgetTest {

    @Test
    void aCheckThatFindsTheBudgetSpentIsRefusedAndMarkedAndTheSlotsComeBack() throws Exception {
        CountDownLatch running = new CountDownLatch(HashBudget.CONCURRENT_CHECKS);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < HashBudget.CONCURRENT_CHECKS; i++) {
            Thread holder = new Thread(() -> HashBudget.check("test", 0, 60, () -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }));
            holder.start();
            holders.add(holder);
        }
        running.await();
        try {
            HashBudgetRefusal.take();
            boolean ran = HashBudget.check("test", 0, 1, () -> true);
            assertThat(ran).isFalse();
            assertThat(HashBudgetRefusal.take()).as("marked as the budget's refusal").isTrue();
            assertThat(HashBudgetRefusal.take()).as("the mark is taken once").isFalse();
        } finally {
            release.countDown();
            for (Thread holder : holders) {
                holder.join();
            }
        }
        assertThat(HashBudget.check("test", 1024, 1, () -> true)).as("the slots are back").isTrue();
        assertThat(HashBudget.check("test", HashBudget.MEMORY_KB + 1, 1, () -> true)).isFalse();
        assertThat(HashBudgetRefusal.take()).as("never fits: not a budget refusal, a hash that never verifies").isFalse();
    }
}
