// aerpc panel library, layer 2: the host-call queue. Host work runs one crossing at a time,
// first in first out: a host's scripting engine runs one script at a time (After Effects'
// ExtendScript does), and a second script sent while one runs would wait where nobody can see
// or cancel it. Each job has a timeout: past it the job is answered (job.timeout) but it keeps
// the queue until the host answers, since the host is still busy with it; the late answer is
// logged and dropped.
//
// Batches (options.batch): when the job at the head of the queue is batchable and others wait
// behind it, the queue takes the batchable jobs that follow it, in order, up to batch.max, and
// runs them in ONE crossing (batch.exec): each is started first (a job whose deadline passed
// while it waited is answered by its start() and never sent), each gets its own outcome, and
// each its own timeout, counted from the crossing's start. A job that is not batchable (the
// host bridge cannot batch it, or its method is a long one) ends a batch and runs alone. Jobs
// not yet taken stay removable (rpc.cancel) as before.
//
// A job is an object with
//   label          for log lines
//   timeoutMs      set by start() at the latest; 0, null or Infinity: no timeout
//   batchable      optional: true when it may share a crossing with other batchable jobs
//   start()        called when the job's turn comes; false: it must not run (already answered)
//   exec(done)     run it alone; call done(outcome) once (the host bridge's answer)
//   result(outcome), timeout(waitedMs), cancel(), drop()   how it ends
//   ended()        optional: the host finished a job that timed out (it held the queue until then)

/** @typedef {import("./core.js").Outcome} Outcome */
/**
 * @typedef {object} Job
 * @property {string} label
 * @property {number | null} timeoutMs
 * @property {boolean} [batchable]
 * @property {() => boolean} start
 * @property {(done: (outcome: Outcome) => void) => void} exec
 * @property {(outcome: Outcome) => void} result
 * @property {(waitedMs: number) => void} timeout
 * @property {() => void} cancel
 * @property {() => void} drop
 * @property {() => void} [ended]
 */
/** @typedef {{label: string, waitedMs: number, queued: number}} BusyEvent */
/**
 * How several batchable jobs run in one crossing: exec(jobs, done) calls done once with one
 * outcome per job, in the jobs' order; max: the most jobs in one crossing (at least 2).
 * @typedef {{max: number, exec: (jobs: Job[], done: (outcomes: Outcome[]) => void) => void}} BatchOptions
 */
/**
 * @typedef {object} QueueOptions
 * @property {Pick<import("./core.js").Logger, "warn">} log
 * @property {() => number} now
 * @property {(event: BusyEvent) => void} [onBusy]
 * @property {BatchOptions | null} [batch]
 */
/**
 * The crossing that holds the queue: its jobs (one, or a batch), each one's deadline and
 * whether it timed out.
 * @typedef {{jobs: Job[], started: number, deadlines: number[], timedOut: boolean[], finished: boolean}} Run
 */
/**
 * A timer: a number in a page; in node an object with ref() and unref() (unref: the timer
 * keeps no process alive).
 * @typedef {number & {ref?: () => void, unref?: () => void}} Timer
 */

{ // this file's scope (in a page the library's scripts share the global one); loader at the end

// The layers below: in a page each is a plain script, met on the global AerpcPanelLib (loaded
// in layer order); in node each is a CommonJS module (core.js's publish and layer).
const root = typeof self !== "undefined" ? self : /** @type {AerpcPanelRoot} */ (this);
/** @type {typeof import("./core.js")} */
const core = root && root.AerpcPanelLib && root.AerpcPanelLib.core ? root.AerpcPanelLib.core
    : typeof require === "function" ? require("./core.js") : (() => {
        throw new Error("aerpc queue.js: load core.js before it");
    })();

class HostCallQueue {
    /**
     * options: log ({warn}), now (the millisecond clock timeouts are measured on),
     * onBusy(event) (a job overran its timeout: {label, waitedMs, queued}), batch (how several
     * batchable jobs run in one crossing; none: one job per crossing).
     * @param {QueueOptions} options
     */
    constructor(options) {
        const o = options || {};
        this._log = o.log;
        this._now = o.now;
        this._onBusy = o.onBusy || function () {};
        this._batch = o.batch && o.batch.max >= 2 ? o.batch : null;
        /** @type {Job[]} */
        this._waiting = [];
        /** @type {Run | null} */
        this._running = null; // the crossing that holds the queue: see _run
        // One timer for the running jobs' timeouts, not one per job: it is left armed when a
        // crossing ends, and when it fires it either times out the running jobs that are due or
        // is armed again for the next deadline. A queue that goes idle lets it go (unref, where
        // timers have it), so it keeps no process alive.
        /** @type {Timer | null} */
        this._timer = null;
        this._timerAt = Infinity;
    }

    /** Jobs waiting behind the crossing that runs. */
    get depth() {
        return this._waiting.length;
    }

    /** @param {Job} job */
    push(job) {
        this._waiting.push(job);
        this._pump();
    }

    /**
     * Take a job out before it started; true when it was waiting.
     * @param {Job} job
     */
    remove(job) {
        const index = this._waiting.indexOf(job);
        if (index < 0) {
            return false;
        }
        this._waiting.splice(index, 1);
        return true;
    }

    /** Drop every waiting job (job.drop()); the running ones end as they end. */
    clear() {
        const dropped = this._waiting.splice(0, this._waiting.length);
        for (const job of dropped) {
            job.drop();
        }
    }

    _pump() {
        if (this._running !== null) {
            return;
        }
        /** @type {Job[]} */
        const jobs = [];
        while (this._waiting.length > 0) {
            const next = this._waiting[0];
            if (jobs.length > 0 && (this._batch === null || !next.batchable || jobs.length >= this._batch.max)) {
                break; // it runs in a later crossing
            }
            this._waiting.shift();
            if (next.start() !== false) {
                jobs.push(next);
                if (this._batch === null || !next.batchable) {
                    break; // it runs alone
                }
            }
        }
        if (jobs.length > 0) {
            this._run(jobs);
        }
    }

    /** @param {Job[]} jobs  one job, or batchable jobs in their order */
    _run(jobs) {
        const started = this._now();
        /** @type {Run} */
        const run = {jobs: jobs, started: started, deadlines: [], timedOut: [], finished: false};
        let first = Infinity;
        for (const job of jobs) {
            const timeoutMs = job.timeoutMs;
            const deadline = timeoutMs !== null && timeoutMs > 0 && isFinite(timeoutMs) ? started + timeoutMs : Infinity;
            run.deadlines.push(deadline);
            run.timedOut.push(false);
            first = Math.min(first, deadline);
        }
        this._running = run;
        if (first !== Infinity) {
            this._armTimer(first);
        }
        if (jobs.length === 1) {
            jobs[0].exec((outcome) => this._done(run, [outcome]));
        } else {
            /** @type {BatchOptions} */ (this._batch).exec(jobs, (outcomes) => this._done(run, outcomes));
        }
    }

    /** @param {Run} run @param {Outcome[]} outcomes  one per job */
    _done(run, outcomes) {
        if (run.finished) {
            return;
        }
        run.finished = true;
        this._running = null;
        for (let i = 0; i < run.jobs.length; i += 1) {
            const job = run.jobs[i];
            if (run.timedOut[i]) {
                this._log.warn(job.label + ": the host answered after " + Math.round(this._now() - run.started) +
                    " ms, past its timeout; the late result was discarded");
                if (typeof job.ended === "function") {
                    job.ended();
                }
            } else {
                job.result(outcomes[i]);
            }
        }
        if (this._waiting.length > 0) {
            // The next crossing starts only after the previous one called back; from a
            // microtask, so that a host that calls back synchronously does not recurse.
            Promise.resolve().then(() => this._pump());
        } else if (this._running === null && this._timer !== null && typeof this._timer.unref === "function") {
            this._timer.unref();
        }
    }

    // The timer fires at `at` at the latest (an earlier one already armed is kept).
    /** @param {number} at */
    _armTimer(at) {
        if (this._timer !== null) {
            if (this._timerAt <= at) {
                if (typeof this._timer.ref === "function") {
                    this._timer.ref();
                }
                return;
            }
            clearTimeout(this._timer);
        }
        this._timerAt = at;
        this._timer = /** @type {Timer} */ (setTimeout(() => this._onTimer(), Math.max(0, at - this._now())));
    }

    _onTimer() {
        this._timer = null;
        this._timerAt = Infinity;
        const run = this._running;
        if (run === null) {
            return;
        }
        const now = this._now();
        let next = Infinity;
        run.jobs.forEach((job, i) => {
            const deadline = run.deadlines[i];
            if (run.timedOut[i] || deadline === Infinity) {
                return;
            }
            if (deadline > now) {
                next = Math.min(next, deadline); // armed for an earlier job, or fired early
                return;
            }
            const waitedMs = /** @type {number} */ (job.timeoutMs); // a deadline: it has one
            run.timedOut[i] = true;
            this._log.warn(job.label + ": no answer from the host within " + waitedMs + " ms");
            job.timeout(waitedMs);
            this._onBusy({label: job.label, waitedMs: waitedMs, queued: this._waiting.length});
        });
        if (next !== Infinity && !run.finished) {
            this._armTimer(next);
        }
    }
}

const api = {HostCallQueue: HostCallQueue};
core.publish(root, "queue", api);
if (typeof module === "object" && module !== null && typeof module.exports === "object") {
    module.exports = api;
}
}
