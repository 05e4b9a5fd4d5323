package dev.surge.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound as every Surge test suite runs it (loaded through this test-jar's
 * ServiceLoader entry).
 * <ul>
 * <li>Every blocking call it catches is printed with its stack before the error is
 * thrown: an error thrown deep inside a library can be swallowed and show up only as a
 * request that never answers.</li>
 * <li>Lettuce guards its command queue with a short lock that parks a writer for
 * microseconds under contention. That is not I/O, and BlockHound's error thrown mid-lock
 * leaves the writer count wrong for good (closing the connection then spins forever), so
 * it is allowed.</li>
 * <li>Hibernate Validator caches each bean class's constraints the first time it
 * validates one, in a segment that locks on write: two first requests of a kind racing
 * park one of them for microseconds, once per class. Same reasoning.</li>
 * </ul>
 */
public class SurgeBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        for (String method : new String[] { "incrementWriters", "decrementWriters", "lockWritersExclusive",
                "unlockWritersExclusive" }) {
            // Netty's adaptive buffer allocator takes a StampedLock when it grows or
            // frees a
            // magazine; contended, that parks for microseconds. Same reasoning as above.
            builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
            builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", method);
        }
        builder.allowBlockingCallsInside("org.hibernate.validator.internal.util.ConcurrentReferenceHashMap$Segment",
                "put");
        builder.blockingMethodCallback(method -> {
            var error = new BlockingOperationError(method);
            System.err.println("BLOCKING CALL DETECTED on " + Thread.currentThread().getName() + ": " + method);
            error.printStackTrace();
            throw error;
        });
    }

}
