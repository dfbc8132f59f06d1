package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PasswordCheckLockTest {

    @Test
    void oneUsersChecksRunOneAtATimeAndOtherUsersAreNotHeldUp() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String user = i % 2 == 0 ? "victim" : "other-" + i;
                calls.add(() -> {
                    try (PasswordCheckLock ignored = PasswordCheckLock.acquire("realm", user)) {
                        if (user.equals("victim")) {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.sleep(2);
                            inside.decrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> future : pool.invokeAll(calls)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(most.get()).isEqualTo(1);
        assertThat(PasswordCheckLock.size()).as("no lock outlives its holders").isZero();
    }

    @Test
    void anOutcomeIsSharedOnlyWithRequestsThatWereWaitingForItAndGoesWithTheLock() {
        long waitingBefore = System.nanoTime();
        try (PasswordCheckLock lock = PasswordCheckLock.acquire("realm", "user")) {
            assertThat(lock.shared("hmac-of-password:credential", waitingBefore)).as("nothing checked yet").isNull();
            lock.share("hmac-of-password:credential", true);
            long arrivedAfter = System.nanoTime();

            assertThat(lock.shared("hmac-of-password:credential", waitingBefore)).isTrue();
            assertThat(lock.shared("hmac-of-password:credential", arrivedAfter)).as("arrived after it").isNull();
            assertThat(lock.shared("hmac-of-other-password:credential", waitingBefore)).isNull();
            assertThat(lock.shared("hmac-of-password:changed-credential", waitingBefore)).isNull();
            lock.share("hmac-of-password:credential", false);
            assertThat(lock.shared("hmac-of-password:credential", waitingBefore)).isFalse();
        }
        try (PasswordCheckLock lock = PasswordCheckLock.acquire("realm", "user")) {
            assertThat(lock.shared("hmac-of-password:credential", waitingBefore)).as("nobody waited: nothing kept").isNull();
        }
    }

    @Test
    void aFullQueueRefusesAtOnceAndHoldsNothing() throws Exception {
        PasswordCheckLock first = PasswordCheckLock.acquire("realm", "name:nobody", 2);
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        Thread second = new Thread(() -> {
            waiting.countDown();
            try (PasswordCheckLock ignored = PasswordCheckLock.acquire("realm", "name:nobody", 2)) {
                // got its turn
            }
        });
        second.start();
        waiting.await();
        while (second.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }

        assertThat(PasswordCheckLock.acquire("realm", "name:nobody", 2)).as("the queue is full").isNull();
        assertThat(PasswordCheckLock.acquire("realm", "name:somebody-else", 2)).as("another name's queue")
                .isNotNull().satisfies(PasswordCheckLock::close);

        first.close();
        second.join();
        assertThat(PasswordCheckLock.size()).as("no lock outlives its holders").isZero();
    }
}
