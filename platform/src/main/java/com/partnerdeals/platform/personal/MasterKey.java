package com.partnerdeals.platform.personal;

import com.partnerdeals.platform.config.MissingSetting;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every personal-data key in the database, from configuration only, so that a database dump
 * alone reveals nothing. Its id is a fingerprint, stored beside each wrapped key, so that a rotation knows which
 * keys it still has to re-wrap.
 */
record MasterKey(String id, SecretKey key) {

    static MasterKey fromBase64(String setting, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new MissingSetting(setting, "is not 32 bytes in Base64.", "Generate one with openssl rand -base64 32.");
        }
        return new MasterKey(fingerprint(bytes), new SecretKeySpec(bytes, "AES"));
    }

    /** Wraps a data key: AES-GCM under this key, bound to the data key's id. */
    byte[] wrap(String keyId, SecretKey dataKey) {
        return Aes.seal(key, dataKey.getEncoded(), aad(keyId));
    }

    SecretKey unwrap(String keyId, byte[] wrapped) {
        return new SecretKeySpec(Aes.open(key, wrapped, aad(keyId)), "AES");
    }

    private static byte[] aad(String keyId) {
        return ("personal-data-key:" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
