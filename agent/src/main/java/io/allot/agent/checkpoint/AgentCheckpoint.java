/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.allot.resources.ResourceNames;
import net.openhft.chronicle.map.ChronicleMap;
import org.agrona.CloseHelper;

/**
 * The agent's checkpoint in its work dir: the agent id, every task it launched (info, state, pid, container) and every
 * status update not yet acknowledged, so that an agent started again with the same work dir, after a crash or a
 * {@code SIGKILL}, finds its tasks and resends its updates. Mesos keeps the same under {@code WORK_DIR/meta}.
 * <p>
 * Layout of {@code WORK_DIR/meta}:
 * <ul>
 *     <li>{@code agent_id}: the agent id as decimal text, for an operator to read, replaced atomically;</li>
 *     <li>{@code tasks.cm3}: a Chronicle Map from {@code (frameworkId, taskId)} to an SBE {@code CheckpointTask};</li>
 *     <li>{@code updates.cm3}: a Chronicle Map from {@code (frameworkId, taskId, sequence)} to an SBE
 *     {@code CheckpointUpdate};</li>
 *     <li>{@code lock}: locked while a checkpoint is open, and holding the pid of its process, so that two agents never
 *     share a work dir.</li>
 * </ul>
 * Tasks and updates are two maps rather than one with typed keys because they differ in size (a task carries its
 * command, up to 4 KiB; an update is mostly a hundred bytes), in count (several updates per task) and in churn (an
 * update lives from a state change to its acknowledgement): each map is sized for its own entries, and damage to one
 * file costs nothing of the other.
 * <p>
 * Durability: every write goes to memory-mapped files, which the kernel writes back by itself, so what a call wrote
 * survives the agent's own death (a crash, {@code SIGKILL}) the moment the call returns. Nothing is forced to disk
 * (except the agent id file): a power loss or a kernel crash may lose the last writes or tear an entry, which the next
 * open reports as damage. Mesos forces its checkpoint files with {@code fsync}; Allot trades that for writes that cost
 * no system call, since what matters is the agent surviving its own restart.
 * <p>
 * Damage: a file that Chronicle Map can not open (a garbage or incomplete header, a truncated file) is moved aside to
 * {@code NAME.corrupt-<epochMs>} and replaced by an empty one; an entry that fails Chronicle Map's checksum, or whose
 * value does not decode (checked with {@code MessageValidator} first), is removed; an unreadable {@code agent_id} is
 * taken as no id. Each is reported, as a sentence naming the file and the entry, by {@link #problems()}; the rest is
 * recovered. Only the environment throws: a work dir that can not be written, a full disk, a checkpoint at capacity.
 * <p>
 * Capacity: {@code maxTasks} tasks and eight times as many pending updates (in all, not per task); an
 * insert beyond them is refused with a {@link CheckpointException}, never dropped. The files' layout is fixed when they
 * are created: a larger {@code maxTasks} later is enforced as asked, but the files may fill before it.
 * <p>
 * One thread, the agent's duty cycle, uses an instance. Writes allocate (a key and a value array each): tasks and
 * their updates change at the rate of launches and state changes, not on the allocation hot path.
 */
public final class AgentCheckpoint implements AutoCloseable
{
    /**
     * The directory in the work dir that holds the checkpoint.
     */
    public static final String META_DIR = "meta";

    /**
     * A sensible {@code maxTasks} for an agent.
     */
    public static final int DEFAULT_MAX_TASKS = 1024;

    static final String LOCK_FILE = "lock";

    private static final Comparator<TaskRecord> LAUNCH_ORDER = Comparator.comparingLong(TaskRecord::launchSequence)
        .thenComparingLong(TaskRecord::frameworkId).thenComparingLong(TaskRecord::taskId);

    private final File metaDir;
    private final File tasksFile;
    private final File updatesFile;
    private final int maxTasks;
    private final long maxUpdates;
    private final ResourceNames names;
    private final FileChannel lockChannel;
    private final AgentIdFile agentIdFile;
    private final ChronicleMap<byte[], byte[]> tasks;
    private final ChronicleMap<byte[], byte[]> updates;
    private final Map<TaskKey, TreeSet<Long>> pendingSequences = new HashMap<>();
    private final CheckpointCodec codec = new CheckpointCodec();
    private final List<String> problems;
    private long agentId;
    private boolean isClosed;

    private record TaskKey(long frameworkId, long taskId)
    {
    }

    private AgentCheckpoint(
        final File metaDir,
        final int maxTasks,
        final ResourceNames names,
        final FileChannel lockChannel,
        final AgentIdFile agentIdFile,
        final long agentId,
        final ChronicleMap<byte[], byte[]> tasks,
        final ChronicleMap<byte[], byte[]> updates,
        final List<String> problems)
    {
        this.metaDir = metaDir;
        this.tasksFile = new File(metaDir, CheckpointFiles.TASKS_FILE);
        this.updatesFile = new File(metaDir, CheckpointFiles.UPDATES_FILE);
        this.maxTasks = maxTasks;
        this.maxUpdates = (long)maxTasks * CheckpointFiles.UPDATES_PER_TASK;
        this.names = names;
        this.lockChannel = lockChannel;
        this.agentIdFile = agentIdFile;
        this.agentId = agentId;
        this.tasks = tasks;
        this.updates = updates;
        this.problems = problems;

        for (final byte[] key : updates.keySet())
        {
            pendingSequences.computeIfAbsent(taskKey(key), (k) -> new TreeSet<>()).add(CheckpointCodec.keyPart(key, 2));
        }
    }

    /**
     * Open the checkpoint of a work dir with a registry of its own for the tasks' resources.
     *
     * @param workDir  the agent's work dir; {@code meta/} is created in it as needed.
     * @param maxTasks how many tasks the checkpoint holds at most.
     * @return the open checkpoint.
     * @throws CheckpointException if the work dir can not be written, another process has the checkpoint open, or a file
     *                             can not be created.
     * @see #open(File, int, ResourceNames)
     */
    public static AgentCheckpoint open(final File workDir, final int maxTasks) throws CheckpointException
    {
        return open(workDir, maxTasks, new ResourceNames());
    }

    /**
     * Open the checkpoint of a work dir: lock it, read the agent id, and open (recovering, or moving aside when damaged)
     * the tasks and updates files. Call {@link #recover()} for the content and {@link #problems()} for what was wrong.
     *
     * @param workDir  the agent's work dir; {@code meta/} is created in it as needed.
     * @param maxTasks how many tasks the checkpoint holds at most.
     * @param names    registry that recovered resources are decoded in: the agent's, so that they combine with its own.
     * @return the open checkpoint.
     * @throws CheckpointException if the work dir can not be written, another process has the checkpoint open, or a file
     *                             can not be created.
     */
    public static AgentCheckpoint open(final File workDir, final int maxTasks, final ResourceNames names) throws CheckpointException
    {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(names, "names");
        if (maxTasks < 1)
        {
            throw new IllegalArgumentException("maxTasks must be at least 1, got " + maxTasks);
        }

        final File metaDir = new File(workDir, META_DIR);
        createDirectory(metaDir);
        final FileChannel lockChannel = lock(metaDir);
        ChronicleMap<byte[], byte[]> tasks = null;
        try
        {
            final List<String> problems = new ArrayList<>();
            final AgentIdFile agentIdFile = new AgentIdFile(metaDir);
            final long agentId = agentIdFile.read(problems);
            tasks = CheckpointFiles.open(new File(metaDir, CheckpointFiles.TASKS_FILE), CheckpointFiles.tasksBuilder(maxTasks), problems);
            final ChronicleMap<byte[], byte[]> updates = CheckpointFiles.open(
                new File(metaDir, CheckpointFiles.UPDATES_FILE),
                CheckpointFiles.updatesBuilder(maxTasks * CheckpointFiles.UPDATES_PER_TASK),
                problems);

            return new AgentCheckpoint(metaDir, maxTasks, names, lockChannel, agentIdFile, agentId, tasks, updates, problems);
        }
        catch (final CheckpointException | RuntimeException ex)
        {
            CloseHelper.quietCloseAll(tasks, lockChannel);
            throw ex;
        }
    }

    /**
     * The directory holding the checkpoint, {@code WORK_DIR/meta}.
     *
     * @return the directory.
     */
    public File directory()
    {
        return metaDir;
    }

    /**
     * The agent id that the master assigned, kept in {@code meta/agent_id}.
     *
     * @return the agent id, or 0 when the agent has none (it registers as new).
     */
    public long agentId()
    {
        return agentId;
    }

    /**
     * Keep the agent id that the master assigned; it is on disk (forced) when this returns.
     *
     * @param agentId the agent id, positive.
     * @throws CheckpointException if it can not be written.
     */
    public void agentId(final long agentId) throws CheckpointException
    {
        ensureOpen();
        if (agentId <= 0)
        {
            throw new IllegalArgumentException("an agent id is positive, got " + agentId);
        }

        agentIdFile.write(agentId);
        this.agentId = agentId;
    }

    /**
     * Insert a task or replace it (a change of state, pid or kill request). Put a task before it is launched.
     *
     * @param task the task as it is now.
     * @throws CheckpointException if the task is new and the checkpoint holds {@code maxTasks} tasks, or it can not be
     *                             written.
     */
    public void putTask(final TaskRecord task) throws CheckpointException
    {
        ensureOpen();
        final byte[] key = CheckpointCodec.taskKey(task.frameworkId(), task.taskId());
        final byte[] value = codec.encodeTask(task);
        try
        {
            if (tasks.size() >= maxTasks && !tasks.containsKey(key))
            {
                throw new CheckpointException("cannot checkpoint task " + task.taskId() + " of framework " + task.frameworkId() +
                    ": " + tasksFile + " holds " + tasks.size() + " tasks, its capacity (maxTasks " + maxTasks + ")");
            }
            tasks.put(key, value);
        }
        catch (final RuntimeException ex)
        {
            throw writeFailed("task " + task.taskId() + " of framework " + task.frameworkId(), tasksFile, ex);
        }
    }

    /**
     * Forget a task and every pending update of it.
     *
     * @param frameworkId of the task's framework.
     * @param taskId      of the task.
     * @throws CheckpointException if it can not be written.
     */
    public void removeTask(final long frameworkId, final long taskId) throws CheckpointException
    {
        ensureOpen();
        try
        {
            // the task goes first: updates left by a crash in between are found without a task and dropped by recover()
            tasks.remove(CheckpointCodec.taskKey(frameworkId, taskId));
            final TreeSet<Long> sequences = pendingSequences.remove(new TaskKey(frameworkId, taskId));
            if (null != sequences)
            {
                for (final long sequence : sequences)
                {
                    updates.remove(CheckpointCodec.updateKey(frameworkId, taskId, sequence));
                }
            }
        }
        catch (final RuntimeException ex)
        {
            throw writeFailed("the removal of task " + taskId + " of framework " + frameworkId, tasksFile, ex);
        }
    }

    /**
     * Add a status update of a checkpointed task, before it is first sent. Its sequence orders it among the task's
     * updates: it must not be below the highest pending one (the same sequence replaces that update).
     *
     * @param update the update.
     * @throws CheckpointException if the checkpoint holds its capacity of updates, or it can not be written.
     * @throws IllegalStateException if the task is not in the checkpoint.
     * @throws IllegalArgumentException if the sequence is below the task's highest pending one.
     */
    public void addUpdate(final UpdateRecord update) throws CheckpointException
    {
        ensureOpen();
        final TaskKey task = new TaskKey(update.frameworkId(), update.taskId());
        final long sequence = update.sequence();
        final TreeSet<Long> sequences = pendingSequences.get(task);
        final boolean isNew = null == sequences || !sequences.contains(sequence);
        if (isNew && null != sequences && !sequences.isEmpty() && sequence < sequences.last())
        {
            throw new IllegalArgumentException("update " + sequence + " of task " + update.taskId() + " of framework " +
                update.frameworkId() + " would come before its pending update " + sequences.last());
        }

        if (!tasks.containsKey(CheckpointCodec.taskKey(update.frameworkId(), update.taskId())))
        {
            throw new IllegalStateException("task " + update.taskId() + " of framework " + update.frameworkId() +
                " is not in the checkpoint: put the task before its updates");
        }

        final byte[] key = CheckpointCodec.updateKey(update.frameworkId(), update.taskId(), sequence);
        final byte[] value = codec.encodeUpdate(update);
        try
        {
            if (isNew && updates.size() >= maxUpdates)
            {
                throw new CheckpointException("cannot checkpoint update " + sequence + " of task " + update.taskId() +
                    " of framework " + update.frameworkId() + ": " + updatesFile + " holds " + updates.size() +
                    " pending updates, its capacity (" + CheckpointFiles.UPDATES_PER_TASK + " times maxTasks)");
            }
            updates.put(key, value);
        }
        catch (final RuntimeException ex)
        {
            throw writeFailed("update " + sequence + " of task " + update.taskId() + " of framework " + update.frameworkId(),
                updatesFile, ex);
        }
        pendingSequences.computeIfAbsent(task, (k) -> new TreeSet<>()).add(sequence);
    }

    /**
     * Forget an update, once its acknowledgement arrived.
     *
     * @param frameworkId of the task's framework.
     * @param taskId      of the task.
     * @param sequence    of the update.
     * @throws CheckpointException if it can not be written.
     */
    public void removeUpdate(final long frameworkId, final long taskId, final long sequence) throws CheckpointException
    {
        ensureOpen();
        try
        {
            updates.remove(CheckpointCodec.updateKey(frameworkId, taskId, sequence));
        }
        catch (final RuntimeException ex)
        {
            throw writeFailed("the removal of update " + sequence + " of task " + taskId + " of framework " + frameworkId,
                updatesFile, ex);
        }
        forgetSequence(new TaskKey(frameworkId, taskId), sequence);
    }

    /**
     * Every task in the checkpoint, in launch order, each with its pending updates in sequence order. Damaged entries,
     * and updates whose task is not in the checkpoint, are removed and reported by {@link #problems()}.
     *
     * @return the tasks, a new list each call.
     */
    public List<RecoveredTask> recover()
    {
        ensureOpen();
        final Map<TaskKey, TaskRecord> found = new HashMap<>();
        final Set<TaskKey> damagedTasks = new HashSet<>();
        for (final Map.Entry<byte[], byte[]> entry : tasks.entrySet())
        {
            final byte[] key = entry.getKey();
            final TaskRecord task = codec.decodeTask(key, entry.getValue(), names);
            if (null != task)
            {
                found.put(taskKey(key), task);
            }
            else
            {
                damagedTasks.add(taskKey(key));
                problems.add("The entry of task " + CheckpointCodec.keyPart(key, 1) + " of framework " + CheckpointCodec.keyPart(key, 0) +
                    " in " + tasksFile + " is damaged (" + codec.error() + "); it was removed and the task is not recovered.");
            }
        }
        for (final TaskKey task : damagedTasks)
        {
            tasks.remove(CheckpointCodec.taskKey(task.frameworkId(), task.taskId()));
        }

        final Map<TaskKey, List<UpdateRecord>> pending = recoverUpdates(found, damagedTasks);
        final List<TaskRecord> ordered = new ArrayList<>(found.values());
        ordered.sort(LAUNCH_ORDER);
        final List<RecoveredTask> recovered = new ArrayList<>(ordered.size());
        for (final TaskRecord task : ordered)
        {
            final List<UpdateRecord> taskUpdates = pending.getOrDefault(new TaskKey(task.frameworkId(), task.taskId()), List.of());
            recovered.add(new RecoveredTask(task, taskUpdates));
        }

        return recovered;
    }

    /**
     * What {@link #open} and {@link #recover()} found wrong and removed or moved aside, in the order found: each a
     * sentence naming the file and the entry. Empty for a sound checkpoint.
     *
     * @return the problems so far, a copy.
     */
    public List<String> problems()
    {
        return List.copyOf(problems);
    }

    /**
     * Forget every task, every update and the agent id: the agent registers as new.
     *
     * @throws CheckpointException if it can not be written.
     */
    public void clear() throws CheckpointException
    {
        ensureOpen();
        try
        {
            tasks.clear();
            updates.clear();
        }
        catch (final RuntimeException ex)
        {
            throw writeFailed("the clearing of the checkpoint", metaDir, ex);
        }
        pendingSequences.clear();
        agentIdFile.delete();
        agentId = 0;
    }

    /**
     * Close the files and release the lock. What was written stays.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            CloseHelper.closeAll(tasks, updates, lockChannel);
        }
    }

    private Map<TaskKey, List<UpdateRecord>> recoverUpdates(final Map<TaskKey, TaskRecord> found, final Set<TaskKey> damagedTasks)
    {
        final Map<TaskKey, List<UpdateRecord>> pending = new HashMap<>();
        final Map<TaskKey, Integer> orphans = new TreeMap<>(
            Comparator.comparingLong(TaskKey::frameworkId).thenComparingLong(TaskKey::taskId));
        final List<byte[]> dropped = new ArrayList<>();
        for (final Map.Entry<byte[], byte[]> entry : updates.entrySet())
        {
            final byte[] key = entry.getKey();
            final TaskKey task = taskKey(key);
            if (!found.containsKey(task))
            {
                orphans.merge(task, 1, Integer::sum);
                dropped.add(key);
                continue;
            }

            final UpdateRecord update = codec.decodeUpdate(key, entry.getValue());
            if (null == update)
            {
                dropped.add(key);
                problems.add("The entry of update " + CheckpointCodec.keyPart(key, 2) + " of task " + task.taskId() +
                    " of framework " + task.frameworkId() + " in " + updatesFile + " is damaged (" + codec.error() +
                    "); it was removed and the update is lost.");
                continue;
            }
            pending.computeIfAbsent(task, (k) -> new ArrayList<>()).add(update);
        }

        for (final Map.Entry<TaskKey, Integer> orphan : orphans.entrySet())
        {
            final TaskKey task = orphan.getKey();
            problems.add(orphan.getValue() + " pending update(s) of task " + task.taskId() + " of framework " + task.frameworkId() +
                " in " + updatesFile + " had no task entry (" +
                (damagedTasks.contains(task) ? "it was damaged" : "a removal of the task was cut short, or its file was lost") +
                "); they were removed.");
        }
        for (final byte[] key : dropped)
        {
            updates.remove(key);
            forgetSequence(taskKey(key), CheckpointCodec.keyPart(key, 2));
        }
        for (final List<UpdateRecord> taskUpdates : pending.values())
        {
            taskUpdates.sort(Comparator.comparingLong(UpdateRecord::sequence));
        }

        return pending;
    }

    private void forgetSequence(final TaskKey task, final long sequence)
    {
        final TreeSet<Long> sequences = pendingSequences.get(task);
        if (null != sequences)
        {
            sequences.remove(sequence);
            if (sequences.isEmpty())
            {
                pendingSequences.remove(task);
            }
        }
    }

    private void ensureOpen()
    {
        if (isClosed)
        {
            throw new IllegalStateException("the checkpoint in " + metaDir + " is closed");
        }
    }

    private static TaskKey taskKey(final byte[] key)
    {
        return new TaskKey(CheckpointCodec.keyPart(key, 0), CheckpointCodec.keyPart(key, 1));
    }

    private static CheckpointException writeFailed(final String what, final File file, final RuntimeException ex)
    {
        return new CheckpointException("cannot checkpoint " + what + " in " + file + ": " + CheckpointFiles.describe(ex), ex);
    }

    private static void createDirectory(final File metaDir) throws CheckpointException
    {
        try
        {
            Files.createDirectories(metaDir.toPath());
        }
        catch (final IOException ex)
        {
            throw new CheckpointException(
                "cannot create the checkpoint directory " + metaDir + ": " + CheckpointFiles.describe(ex), ex);
        }

        if (!Files.isWritable(metaDir.toPath()))
        {
            throw new CheckpointException("cannot write in the checkpoint directory " + metaDir + ": permission denied");
        }
    }

    private static FileChannel lock(final File metaDir) throws CheckpointException
    {
        final Path path = new File(metaDir, LOCK_FILE).toPath();
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (null == channel.tryLock())
            {
                throw new CheckpointException("the checkpoint in " + metaDir + " is in use by another process (pid " + holder(path) +
                    "): is another agent running with this work dir?");
            }

            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return channel;
        }
        catch (final OverlappingFileLockException ex)
        {
            CloseHelper.quietClose(channel);
            throw new CheckpointException("the checkpoint in " + metaDir + " is already open in this process", ex);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new CheckpointException("cannot lock the checkpoint file " + path + ": " + CheckpointFiles.describe(ex), ex);
        }
        catch (final CheckpointException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex;
        }
    }

    private static String holder(final Path path)
    {
        try
        {
            final String pid = Files.readString(path, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "unknown" : pid;
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }
}
