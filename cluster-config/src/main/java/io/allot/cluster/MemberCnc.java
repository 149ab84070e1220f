/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.service.Cluster;
import io.aeron.exceptions.AeronException;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CnC ("command and control") file of a member's media driver, mapped by another process to read the member's
 * counters as Aeron's {@code AeronStat} does: the engine's and the member's Allot counters, and the consensus
 * module's role, term and snapshot counters. Mapped writable, it can also move the consensus module's control toggle
 * ({@code allot snapshot}). Open it, read, close it: a member that stops leaves the mapping stale.
 * <p>
 * A member counts as running when its CnC file is initialised, its driver's process is alive, and the driver
 * heartbeat is younger than Aeron's driver timeout ({@value CommonContext#DEFAULT_DRIVER_TIMEOUT_MS} ms).
 */
public final class MemberCnc implements AutoCloseable
{
    private final File cncFile;
    private final MappedByteBuffer cncByteBuffer;
    private final UnsafeBuffer toDriverBuffer;
    private final CountersReader counters;
    private final long driverPid;
    private boolean isClosed;

    private MemberCnc(final File cncFile, final MappedByteBuffer cncByteBuffer, final UnsafeBuffer metaData)
    {
        this.cncFile = cncFile;
        this.cncByteBuffer = cncByteBuffer;
        toDriverBuffer = CncFileDescriptor.createToDriverBuffer(cncByteBuffer, metaData);
        counters = new CountersReader(
            CncFileDescriptor.createCountersMetaDataBuffer(cncByteBuffer, metaData),
            CncFileDescriptor.createCountersValuesBuffer(cncByteBuffer, metaData),
            StandardCharsets.US_ASCII);
        driverPid = metaData.getLong(CncFileDescriptor.PID_FIELD_OFFSET);
    }

    /**
     * Map the CnC file of the member whose directory is {@code dir} ({@code dir/aeron/cnc.dat}; a driver directory
     * holding {@code cnc.dat} itself is accepted too).
     *
     * @param dir      the member's directory, as given to {@code allot master --dir}.
     * @param writable true to map it for writing, needed for {@link #controlToggle()}.
     * @return the mapped file, to close when done.
     * @throws MemberNotRunningException with a one-line reason when no running member uses the directory.
     */
    public static MemberCnc open(final File dir, final boolean writable)
    {
        final File cncFile = cncFile(dir);
        if (!cncFile.isFile() || cncFile.length() <= CncFileDescriptor.META_DATA_LENGTH)
        {
            throw new MemberNotRunningException("no member runs on " + dir + ": " + new File(dir, "aeron") +
                " has no media driver (" + CncFileDescriptor.CNC_FILE + ")");
        }

        final MappedByteBuffer buffer = IoUtil.mapExistingFile(
            cncFile, writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, "CnC file");
        MemberCnc cnc = null;
        try
        {
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(buffer);
            final int version = metaData.getIntVolatile(CncFileDescriptor.cncVersionOffset(0));
            if (0 == version)
            {
                throw new MemberNotRunningException("no member runs on " + dir + " yet: its media driver is starting");
            }
            CncFileDescriptor.checkVersion(version);
            cnc = new MemberCnc(cncFile, buffer, metaData);
            cnc.checkRunning(dir);
            return cnc;
        }
        catch (final AeronException ex)
        {
            BufferUtil.free(buffer);
            throw new MemberNotRunningException("no member of this version runs on " + dir + ": " + ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            BufferUtil.free(buffer);
            throw ex;
        }
    }

    private static File cncFile(final File dir)
    {
        final File inAeronDir = new File(new File(dir, "aeron"), CncFileDescriptor.CNC_FILE);
        final File inDir = new File(dir, CncFileDescriptor.CNC_FILE);
        return !inAeronDir.exists() && inDir.exists() ? inDir : inAeronDir;
    }

    private void checkRunning(final File dir)
    {
        final long heartbeatMs = driverHeartbeatMs();
        if (heartbeatMs <= 0)
        {
            throw new MemberNotRunningException("no member runs on " + dir + ": its media driver (pid " + driverPid + ") stopped");
        }
        if (!isAlive(driverPid))
        {
            throw new MemberNotRunningException("no member runs on " + dir + ": its media driver's process " + driverPid +
                " is gone (killed, or crashed; its last heartbeat was " + heartbeatAgeMs() + " ms ago)");
        }
        if (heartbeatAgeMs() > CommonContext.DEFAULT_DRIVER_TIMEOUT_MS)
        {
            throw new MemberNotRunningException("no member runs on " + dir + ": its media driver (pid " + driverPid +
                ") has not heartbeaten for " + heartbeatAgeMs() + " ms");
        }
    }

    /**
     * @return true when the process runs: present, and on Linux not a zombie (killed, but not yet reaped by its
     *         parent, which can take a while when the parent is gone).
     */
    static boolean isAlive(final long pid)
    {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        {
            return false;
        }
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            final int end = stat.lastIndexOf(") ");
            final char state = end < 0 || end + 2 >= stat.length() ? 'R' : stat.charAt(end + 2);
            return 'Z' != state && 'X' != state;
        }
        catch (final IOException | RuntimeException ex)
        {
            return true;
        }
    }

    /**
     * @return the CnC file that is mapped.
     */
    public File cncFile()
    {
        return cncFile;
    }

    /**
     * @return the process id of the member's media driver.
     */
    public long driverPid()
    {
        return driverPid;
    }

    /**
     * @return epoch milliseconds of the driver's last heartbeat; -1 once it stopped.
     */
    public long driverHeartbeatMs()
    {
        final int offset = toDriverBuffer.capacity() - RingBufferDescriptor.TRAILER_LENGTH +
            RingBufferDescriptor.CONSUMER_HEARTBEAT_OFFSET;
        return toDriverBuffer.getLongVolatile(offset);
    }

    /**
     * @return milliseconds since the driver's last heartbeat (it beats about once a second).
     */
    public long heartbeatAgeMs()
    {
        return System.currentTimeMillis() - driverHeartbeatMs();
    }

    /**
     * @return the driver's counters.
     */
    public CountersReader counters()
    {
        return counters;
    }

    /**
     * @param typeId a counter type id, such as {@link AeronCounters#CLUSTER_NODE_ROLE_TYPE_ID}.
     * @return the id of the first allocated counter of that type, or {@link CountersReader#NULL_COUNTER_ID}.
     */
    public int findCounter(final int typeId)
    {
        for (int id = 0, max = counters.maxCounterId(); id < max; id++)
        {
            final int state = counters.getCounterState(id);
            if (CountersReader.RECORD_ALLOCATED == state && counters.getCounterTypeId(id) == typeId)
            {
                return id;
            }
            if (CountersReader.RECORD_UNUSED == state)
            {
                break;
            }
        }

        return CountersReader.NULL_COUNTER_ID;
    }

    /**
     * @param typeId       a counter type id.
     * @param missingValue returned when no counter of that type is allocated.
     * @return the counter's value.
     */
    public long value(final int typeId, final long missingValue)
    {
        final int id = findCounter(typeId);
        return CountersReader.NULL_COUNTER_ID == id ? missingValue : counters.getCounterValue(id);
    }

    /**
     * @return the member's role from its consensus module's counter, or null while the module has none.
     */
    public Cluster.Role role()
    {
        final long code = value(AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID, -1);
        return code < 0 || code >= Cluster.Role.values().length ? null : Cluster.Role.get(code);
    }

    /**
     * @return snapshots the member has taken since it started, or -1 while its consensus module has no counter.
     */
    public long snapshotCount()
    {
        return value(AeronCounters.CLUSTER_SNAPSHOT_COUNTER_TYPE_ID, -1);
    }

    /**
     * @return the consensus module's control toggle, for {@link ClusterControl.ToggleState}; null while there is none.
     * @throws IllegalStateException when the file was not mapped writable.
     */
    public AtomicCounter controlToggle()
    {
        if (cncByteBuffer.isReadOnly())
        {
            throw new IllegalStateException("the CnC file was mapped read-only");
        }
        final int id = findCounter(ClusterControl.CONTROL_TOGGLE_TYPE_ID);
        return CountersReader.NULL_COUNTER_ID == id ? null : new AtomicCounter(counters.valuesBuffer(), id, null);
    }

    /**
     * Unmap the file.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            BufferUtil.free(cncByteBuffer);
        }
    }
}
