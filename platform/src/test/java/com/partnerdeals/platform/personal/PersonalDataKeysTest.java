package com.partnerdeals.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.personal.PersonalData;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.PostgresSchema;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The row locks between a subject's erasure and a transaction using the subject's key, on H2 and (in the suite's
 * PostgreSQL pass) on PostgreSQL: a registration relies on {@link PersonalDataKeys#lockLiveKey} to learn that the key
 * it sealed its event with was erased while it ran, and is then tried again with a new key (DealContacts).
 */
class PersonalDataKeysTest {

    JdbcClient jdbc;
    MasterKey master;
    PersonalDataKeys keys;
    TransactionTemplate transactions;
    String subject;

    @BeforeEach
    void setUp() {
        DataSource database = PostgresSchema.orInMemory("personal_data_keys");
        jdbc = JdbcClient.create(database);
        master = MasterKey.fromBase64("master", PersonalDataSerializerTest.MASTER);
        keys = new PersonalDataKeys(jdbc, master, List.of(), Clock.systemUTC());
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        subject = keys.subjectHash(PersonalData.Subject.CONTACT, "anna.virtanen@acme.fi");
        transactions.executeWithoutResult(status -> keys.currentKey(subject));
    }

    @Test
    void aTransactionThatLocksTheKeyWhileItIsErasedWaitsAndThenFindsNoLiveKey() throws Exception {
        HeldOpen<Integer> erasure = holdOpen(() -> keys.erase(subject));

        CompletableFuture<Boolean> locking = inTransactionMeanwhile(() -> keys.lockLiveKey(subject));
        Thread.sleep(300);
        assertThat(locking).as("it waits for the erasure's lock on the key").isNotDone();
        assertThat(erasure.commit()).isEqualTo(1);
        assertThat(locking.get(10, TimeUnit.SECONDS)).as("the key it waited for is a tombstone now").isFalse();
    }

    @Test
    void anErasureWaitsForATransactionHoldingTheKeyAndThenErasesIt() throws Exception {
        HeldOpen<Boolean> use = holdOpen(() -> keys.lockLiveKey(subject));

        CompletableFuture<Integer> erasure = inTransactionMeanwhile(() -> keys.erase(subject));
        Thread.sleep(300);
        assertThat(erasure).as("it waits for the transaction using the key").isNotDone();
        assertThat(use.commit()).isTrue();
        assertThat(erasure.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        Boolean stillLive = transactions.execute(status -> keys.lockLiveKey(subject));
        assertThat(stillLive).isFalse();
    }

    /**
     * SPEC 11, "from then on": another thread of this node reads the key while the erasure's transaction is open (a
     * projection decrypting the contact's last event) and sees it still live; from the erasure's commit on, this node
     * answers it as erased, not from what that read cached.
     */
    @Test
    void aKeyReadWhileItsErasureIsOpenIsErasedOnThisNodeFromTheCommitOn() throws Exception {
        String keyId = keys.currentKey(subject).id();
        HeldOpen<Integer> erasure = holdOpen(() -> keys.erase(subject));

        assertThat(keys.key(keyId)).as("before the erasure commits, the key still opens what it sealed").isPresent();
        assertThat(erasure.commit()).isEqualTo(1);
        assertThat(keys.key(keyId)).as("from the commit on").isEmpty();
    }

    /**
     * The same, where the other thread's read of the key table ran before the erasure's commit and its caching comes
     * after it: what it read is not cached.
     */
    @Test
    void aKeyReadBeforeItsErasureCommitsIsNotCachedAfterIt() throws Exception {
        AtomicReference<Thread> heldReader = new AtomicReference<>();
        CountDownLatch keyTableRead = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        DataSource database = holdingKeyReads(PostgresSchema.orInMemory("personal_data_keys"), heldReader, keyTableRead,
                goOn);
        keys = new PersonalDataKeys(JdbcClient.create(database), master, List.of(), Clock.systemUTC());
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        // Keyed on another node: this one has not cached the key, so its read goes to the table.
        String keyId = new PersonalDataKeys(JdbcClient.create(database), master, List.of(), Clock.systemUTC())
                .currentKey(subject).id();
        HeldOpen<Integer> erasure = holdOpen(() -> keys.erase(subject));

        CompletableFuture<Boolean> readMeanwhile = new CompletableFuture<>();
        Thread reader = new Thread(() -> readMeanwhile.complete(keys.key(keyId).isPresent()));
        heldReader.set(reader);
        reader.start();
        assertThat(keyTableRead.await(10, TimeUnit.SECONDS)).as("the other thread read the key table").isTrue();
        assertThat(erasure.commit()).isEqualTo(1);
        goOn.countDown();

        assertThat(readMeanwhile.get(10, TimeUnit.SECONDS)).as("its read came before the commit").isTrue();
        assertThat(keys.key(keyId)).as("from the commit on").isEmpty();
    }

    /** README, Personal data: "Other nodes drop a cached key within a minute". */
    @Test
    void anotherNodeThatCachedTheKeyReadsItAsErasedWithinAMinute() {
        MutableClock otherNodesTime = new MutableClock(Instant.now());
        PersonalDataKeys otherNode = new PersonalDataKeys(jdbc, master, List.of(), Clock.systemUTC(), otherNodesTime);
        String keyId = keys.currentKey(subject).id();
        assertThat(otherNode.key(keyId)).isPresent();

        transactions.executeWithoutResult(status -> keys.erase(subject));

        assertThat(keys.key(keyId)).as("on the node that erased it, at once").isEmpty();
        otherNodesTime.advance(Duration.ofSeconds(59));
        assertThat(otherNode.key(keyId)).as("still cached on the other node").isPresent();
        otherNodesTime.advance(Duration.ofSeconds(2));
        assertThat(otherNode.key(keyId)).isEmpty();
    }

    @Test
    void aKeyErasedOnAnotherNodeLeavesThisNodesMemoryAtTheSweepAfterItsMinute() {
        MutableClock otherNodesTime = new MutableClock(Instant.now());
        PersonalDataKeys otherNode = new PersonalDataKeys(jdbc, master, List.of(), Clock.systemUTC(), otherNodesTime);
        String keyId = keys.currentKey(subject).id();
        otherNode.key(keyId);
        transactions.executeWithoutResult(status -> keys.erase(subject));

        otherNodesTime.advance(Duration.ofSeconds(59));
        assertThat(otherNode.forgetExpiredKeys()).as("within its minute, kept").isZero();
        otherNodesTime.advance(Duration.ofSeconds(2));
        assertThat(otherNode.forgetExpiredKeys()).as("the erased key").isEqualTo(1);
        assertThat(otherNode.forgetExpiredKeys()).isZero();
    }

    /** A transaction on another thread that has done its work and stays open until committed. */
    private record HeldOpen<T>(CompletableFuture<T> result, CountDownLatch release) {

        T commit() throws Exception {
            release.countDown();
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code work} in a transaction on another thread and holds that transaction open. */
    private <T> HeldOpen<T> holdOpen(Supplier<T> work) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            T outcome = work.get();
            done.countDown();
            await(release);
            return outcome;
        }));
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        return new HeldOpen<>(result, release);
    }

    /** Runs {@code work} in a transaction on another thread, committed as soon as it is done. */
    private <T> CompletableFuture<T> inTransactionMeanwhile(Supplier<T> work) {
        return CompletableFuture.supplyAsync(() -> transactions.execute(status -> work.get()));
    }

    /**
     * {@code database}, where {@code reader}'s reads of the key table wait after the query ran (its result read) until
     * {@code goOn}, so that what the thread does with the result comes later than the query.
     */
    private static DataSource holdingKeyReads(DataSource database, AtomicReference<Thread> reader,
                                              CountDownLatch read, CountDownLatch goOn) {
        return new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return proxy(Connection.class, (proxy, method, args) -> {
                    Object result = invoke(method, connection, args);
                    boolean keyRead = method.getName().equals("prepareStatement")
                            && String.valueOf(args[0]).startsWith("SELECT key_id, wrapped_key");
                    if (keyRead && Thread.currentThread() == reader.get()) {
                        PreparedStatement statement = (PreparedStatement) result;
                        return proxy(PreparedStatement.class, (p, m, a) -> {
                            Object outcome = invoke(m, statement, a);
                            if (m.getName().equals("executeQuery")) {
                                read.countDown();
                                await(goOn);
                            }
                            return outcome;
                        });
                    }
                    return result;
                });
            }
        };
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
