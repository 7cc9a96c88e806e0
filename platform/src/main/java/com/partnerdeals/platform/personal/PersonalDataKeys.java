package com.partnerdeals.platform.personal;

import com.partnerdeals.api.personal.PersonalData;
import com.partnerdeals.platform.randomness.ThreadSecureRandom;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One key per data subject (a customer contact, a note), in table {@code personal_data_key}, wrapped by the
 * {@link MasterKey}. Erasing a subject deletes its key material and leaves the row as a tombstone, so a key is never
 * silently re-created: a later registration of the same email gets a new key, and what the old key encrypted stays
 * unreadable. Subjects are stored as a keyed hash, never in clear.
 *
 * <p>Unwrapped keys are cached for a minute: erasure takes effect at once on this node and within a minute on
 * other nodes (their read models are updated by the erasure's events at once either way). A sweep every minute
 * lets go of expired keys, so that a key erased on another node does not stay in this node's memory until the cache
 * happens to be full.
 */
public class PersonalDataKeys {

    private static final String HASH_KEY_ID = "subject-hash";
    private static final Duration LIVE_KEY_CACHING = Duration.ofMinutes(1);
    private static final int CACHED_KEYS = 50_000;
    private static final int KEYS_READ_AHEAD = 256;

    /** A key to encrypt with: its id travels with every value it encrypts. */
    public record DataKey(String id, SecretKey key) {
    }

    private record Cached(Optional<SecretKey> key, long until) {
    }

    private final JdbcClient jdbc;
    private final MasterKey master;
    private final List<MasterKey> previousMasters;
    private final Clock clock;
    private final Clock cacheClock;
    /**
     * Least recently used first out, on purpose: a replay reads keys ahead in the order they were issued and needs them
     * kept until its events come to them, where a frequency-based cache (Caffeine's) may turn away a key not used yet;
     * a replay ran slower with one (bench/THROUGHPUT.md).
     */
    private final Map<String, Cached> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHED_KEYS;
        }
    };
    /**
     * This node's erasures committed so far, guarded by the cache's lock. A key read from the table while an erasure
     * was open (the read sees the key still live) is not cached once that erasure has committed.
     */
    private long erasuresCommitted;
    private volatile SecretKey hashKey;
    /** An initialised HMAC per thread: looking one up in the JCA providers costs more than hashing. */
    private final ThreadLocal<Mac> hmac = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    PersonalDataKeys(JdbcClient jdbc, MasterKey master, List<MasterKey> previousMasters, Clock clock) {
        this(jdbc, master, previousMasters, clock, Clock.systemUTC());
    }

    /** {@code clock} stamps the stored keys; {@code cacheClock} times how long a key stays cached. */
    PersonalDataKeys(JdbcClient jdbc, MasterKey master, List<MasterKey> previousMasters, Clock clock, Clock cacheClock) {
        this.jdbc = jdbc;
        this.master = master;
        this.previousMasters = List.copyOf(previousMasters);
        this.clock = clock;
        this.cacheClock = cacheClock;
    }

    /** The keyed hash that names a subject: HMAC-SHA256 under a key of its own, kept in the key table. */
    public String subjectHash(PersonalData.Subject subject, String identity) {
        Mac mac = hmac.get();
        byte[] digest = mac.doFinal((subject.name() + ":" + identity.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /**
     * The subject's live key, created on first use (also after an erasure: a new key, never the old one). Most
     * subjects are new (every note is), so the key is offered first and read only if the subject had one.
     */
    public DataKey currentKey(String subjectHash) {
        String keyId = newKeyId();
        SecretKey key = Aes.newKey();
        // live_subject is unique: of two transactions creating the subject's key at once, one row wins.
        int created = jdbc.sql("""
                        INSERT INTO personal_data_key (key_id, subject_hash, live_subject, wrapped_key, master_key_id, created_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(keyId, subjectHash, subjectHash, master.wrap(keyId, key), master.id(), now())
                .update();
        if (created == 1) {
            // The events this key encrypts are read back on this node next (the aggregate, the projections). Should
            // the transaction roll back, the id stays unknown to every event, so the cached key is never asked for.
            remember(keyId, Optional.of(key));
            return new DataKey(keyId, key);
        }
        return liveKey(subjectHash).orElseThrow(() -> new IllegalStateException("No key for a subject just keyed"));
    }

    /**
     * Key ids rise with time (milliseconds, then random bits), so the keys a replay needs next lie next to each
     * other in the primary key's order.
     */
    private static String newKeyId() {
        // 12 hex digits of milliseconds (16 less the 4 leading zeros, until the year 10889); not String.format, which
        // parses its pattern at every key (bench/THROUGHPUT.md).
        return HexFormat.of().toHexDigits(System.currentTimeMillis()).substring(4) + "-"
                + ThreadSecureRandom.randomUuid().toString().substring(14);
    }

    /**
     * The key an encrypted value names; empty once erased. An id that was never issued means tampering. A miss
     * reads the keys issued after it too: a replay reads events in the order their keys were issued.
     */
    public Optional<SecretKey> key(String keyId) {
        long erasuresBeforeTheRead;
        synchronized (cache) {
            Cached cached = cache.get(keyId);
            // Erased keys expire too: an erasure whose transaction rolled back must not leave a key unreadable here.
            if (cached != null && cached.until() > cacheClock.millis()) {
                return cached.key();
            }
            erasuresBeforeTheRead = erasuresCommitted;
        }
        long until = cacheClock.millis() + LIVE_KEY_CACHING.toMillis();
        Map<String, Cached> read = new LinkedHashMap<>();
        jdbc.sql("SELECT key_id, wrapped_key, master_key_id FROM personal_data_key WHERE key_id >= ? ORDER BY key_id LIMIT "
                        + KEYS_READ_AHEAD)
                .param(keyId)
                .query(rs -> {
                    String id = rs.getString(1);
                    byte[] wrapped = rs.getBytes(2);
                    try {
                        read.put(id, new Cached(wrapped == null ? Optional.empty()
                                : Optional.of(unwrap(id, wrapped, rs.getString(3))), until));
                    } catch (RuntimeException unreadable) {
                        if (id.equals(keyId)) {
                            throw unreadable;
                        }
                        // Another key that does not open here (a master key being rotated in): read when asked for.
                    }
                });
        Cached found = read.get(keyId);
        if (found == null) {
            throw new TamperedPersonalData("it names key " + keyId + ", which was never issued");
        }
        synchronized (cache) {
            if (erasuresCommitted == erasuresBeforeTheRead) {
                cache.putAll(read);
            }
        }
        return found.key();
    }

    /**
     * Lets go of every cached key whose minute is over; answers how many. An expired key is never answered from the
     * cache anyway, but without this its material would stay in memory until 50,000 newer keys pushed it out.
     */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    public int forgetExpiredKeys() {
        long now = cacheClock.millis();
        synchronized (cache) {
            int before = cache.size();
            cache.values().removeIf(cached -> cached.until() <= now);
            return before - cache.size();
        }
    }

    private void remember(String keyId, Optional<SecretKey> key) {
        synchronized (cache) {
            cache.put(keyId, new Cached(key, cacheClock.millis() + LIVE_KEY_CACHING.toMillis()));
        }
    }

    /**
     * Deletes every key of the subject, leaving tombstones; answers how many live keys there were. From the
     * transaction's commit on (at once without one), this node answers the keys as erased: they leave the cache at
     * the commit, not before, since another thread may read one while the erasure is open (a projection decrypting
     * the subject's last event, say), and a read that began before the commit does not cache what it read.
     */
    public int erase(String subjectHash) {
        // A subject has one live key at most; every earlier one is a tombstone already. Locked first, so that a
        // transaction holding the key locked (lockLiveKey) ends before it is erased.
        List<String> erased = jdbc.sql("SELECT key_id FROM personal_data_key WHERE live_subject = ? FOR UPDATE")
                .param(subjectHash).query(String.class).list();
        jdbc.sql("""
                        UPDATE personal_data_key SET wrapped_key = NULL, live_subject = NULL, master_key_id = NULL, erased_at = ?
                        WHERE live_subject = ?""")
                .params(now(), subjectHash)
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forgetCommitted(erased);
                }
            });
        } else {
            forgetCommitted(erased);
        }
        return erased.size();
    }

    private void forgetCommitted(List<String> erasedKeyIds) {
        synchronized (cache) {
            erasuresCommitted++;
            erasedKeyIds.forEach(cache::remove);
        }
    }

    /**
     * Locks the subject's live key until the transaction ends, so that the subject's erasure waits for this
     * transaction and then sees what it stored; answers false if the subject has no live key (erased since it was
     * used, say).
     */
    public boolean lockLiveKey(String subjectHash) {
        return !jdbc.sql("SELECT key_id FROM personal_data_key WHERE live_subject = ? FOR UPDATE")
                .param(subjectHash).query(String.class).list().isEmpty();
    }

    /**
     * On start, outside any business transaction: the subject-hash key is created and committed before its first
     * use (a key created in a transaction that rolls back would differ from the one stored next), and keys still
     * wrapped by a master key being rotated out are re-wrapped with the current one. Answers how many were.
     */
    int prepare() {
        hashKey();
        return rewrapUnderCurrentMasterKey();
    }

    /** Re-wraps every key still wrapped by a previous master key with the current one; answers how many. */
    public int rewrapUnderCurrentMasterKey() {
        int rewrapped = 0;
        for (MasterKey previous : previousMasters) {
            List<Map.Entry<String, byte[]>> keys = jdbc.sql(
                            "SELECT key_id, wrapped_key FROM personal_data_key WHERE master_key_id = ? AND wrapped_key IS NOT NULL")
                    .param(previous.id())
                    .query((rs, row) -> Map.entry(rs.getString(1), rs.getBytes(2)))
                    .list();
            for (Map.Entry<String, byte[]> key : keys) {
                SecretKey clear = previous.unwrap(key.getKey(), key.getValue());
                rewrapped += jdbc.sql("UPDATE personal_data_key SET wrapped_key = ?, master_key_id = ? WHERE key_id = ? AND master_key_id = ?")
                        .params(master.wrap(key.getKey(), clear), master.id(), key.getKey(), previous.id())
                        .update();
            }
        }
        return rewrapped;
    }

    private Optional<DataKey> liveKey(String subjectHash) {
        return jdbc.sql("SELECT key_id, wrapped_key, master_key_id FROM personal_data_key WHERE live_subject = ?")
                .param(subjectHash)
                .query((rs, row) -> new DataKey(rs.getString(1), unwrap(rs.getString(1), rs.getBytes(2), rs.getString(3))))
                .optional();
    }

    private SecretKey hashKey() {
        SecretKey key = hashKey;
        if (key == null) {
            DataKey stored = currentKey(HASH_KEY_ID);
            key = new SecretKeySpec(stored.key().getEncoded(), "HmacSHA256");
            hashKey = key;
        }
        return key;
    }

    private SecretKey unwrap(String keyId, byte[] wrapped, String masterKeyId) {
        if (master.id().equals(masterKeyId)) {
            return master.unwrap(keyId, wrapped);
        }
        return previousMasters.stream().filter(previous -> previous.id().equals(masterKeyId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Personal-data key " + keyId + " is wrapped by master key "
                        + masterKeyId + ", which is not configured (portal.personal-data.master-key or previous-master-keys)"))
                .unwrap(keyId, wrapped);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
