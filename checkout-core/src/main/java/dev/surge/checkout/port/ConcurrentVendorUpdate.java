package dev.surge.checkout.port;

/**
 * A vendor or its team changed between reading and writing it: read it again and decide
 * again.
 */
public final class ConcurrentVendorUpdate extends RuntimeException {

    public ConcurrentVendorUpdate(String what) {
        super(what + " changed while it was being updated", null, false, false);
    }

}
