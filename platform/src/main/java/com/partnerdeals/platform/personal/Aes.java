package com.partnerdeals.platform.personal;

import com.partnerdeals.platform.randomness.ThreadSecureRandom;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK: authenticated encryption with a fresh 96-bit nonce per value, so that a value altered
 * by a single byte fails to open instead of decrypting to garbage. Sealed form: nonce, then ciphertext and tag.
 */
final class Aes {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** A cipher per thread, initialised anew for every value (with its own nonce): the provider lookup is the cost. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private Aes() {
    }

    static SecretKey newKey() {
        byte[] key = new byte[32];
        ThreadSecureRandom.current().nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        ThreadSecureRandom.current().nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    static byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new TamperedPersonalData("too short to be a sealed value");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException altered) {
            throw new TamperedPersonalData("the authentication tag does not match");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt", e);
        }
    }
}
