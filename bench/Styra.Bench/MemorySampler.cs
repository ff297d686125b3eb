using System.Diagnostics;

namespace Styra.Bench;

/// <summary>One sample: time since the start, the process's resident memory and (for this process) the managed heap.</summary>
internal readonly record struct MemorySample(TimeSpan At, long WorkingSet, long GcHeap);

/// <summary>
/// Samples a process's memory every 100 ms while a step runs: this process (working set and the GC heap) or a child
/// process such as <c>sqlite3</c> (its resident set and, at the end, its peak as the kernel counted it).
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly Process? _child;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<MemorySample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _childPeak;

    private MemorySampler(Process? child)
    {
        _child = child;
        _loop = Task.Run(LoopAsync);
    }

    public static MemorySampler OfThisProcess() => new(null);

    public static MemorySampler OfChild(Process child) => new(child);

    public IReadOnlyList<MemorySample> Samples => _samples;
    public long PeakWorkingSet => Math.Max(_childPeak, _samples.Count == 0 ? 0 : _samples.Max(s => s.WorkingSet));
    public long PeakGcHeap => _samples.Count == 0 ? 0 : _samples.Max(s => s.GcHeap);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        using var self = Process.GetCurrentProcess();
        try
        {
            do Sample(self);
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample(Process self)
    {
        if (_child is null)
        {
            self.Refresh();
            lock (_samples) _samples.Add(new MemorySample(_clock.Elapsed, self.WorkingSet64, GC.GetTotalMemory(false)));
            return;
        }
        // The kernel's high-water mark (VmHWM) catches a peak between two samples.
        var status = ReadStatus(_child.Id);
        if (status is null) return;
        _childPeak = Math.Max(_childPeak, status.Value.Peak);
        lock (_samples) _samples.Add(new MemorySample(_clock.Elapsed, status.Value.Resident, 0));
    }

    private static (long Resident, long Peak)? ReadStatus(int pid)
    {
        try
        {
            long resident = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
            }
            return (resident, peak);
        }
        catch (IOException)
        {
            return null; // the process has ended
        }

        static long Kilobytes(string line) => long.Parse(line.Split(':', StringSplitOptions.TrimEntries)[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The working set at a few points of the run (start, quarters, end): shows whether memory stays flat.</summary>
    public string Profile()
    {
        if (_samples.Count == 0) return "(no samples)";
        var points = new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }.Select(f => _samples[(int)Math.Round(f * (_samples.Count - 1))]);
        return string.Join(" → ", points.Select(s => Report.Mb(s.WorkingSet)));
    }

    /// <summary>Stops sampling; the samples stay readable.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        await _loop;
    }
}
