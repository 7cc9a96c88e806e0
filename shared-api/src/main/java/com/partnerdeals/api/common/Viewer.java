package com.partnerdeals.api.common;

/**
 * Whose data a query may see: a partner sees only its own ({@code partnerId} set); vendor staff see
 * everything ({@code partnerId} null).
 */
public record Viewer(String partnerId) {

    public static Viewer vendorStaff() {
        return new Viewer(null);
    }

    public static Viewer partner(String partnerId) {
        return new Viewer(partnerId);
    }

    public boolean isVendorStaff() {
        return partnerId == null;
    }

    public boolean maySee(String ownerPartnerId) {
        return partnerId == null || partnerId.equals(ownerPartnerId);
    }
}
