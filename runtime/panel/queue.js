// aerpc panel library, layer 2: the host-call queue. Host methods run one at a time, first in
// first out: a host's scripting engine runs one script at a time (After Effects' ExtendScript
// does), and a second call sent while one runs would wait where nobody can see or cancel it.
// Each job has a timeout: past it the job is answered (job.timeout) but it keeps the queue
// until the host answers, since the host is still busy with it; the late answer is logged and
// dropped.
//
// A job is an object with
//   label          for log lines
//   timeoutMs      set by start() at the latest; 0, null or Infinity: no timeout
//   start()        called when the job's turn comes; false: it must not run (already answered)
//   exec(done)     run it; call done(outcome) once (the host bridge's answer)
//   result(outcome), timeout(waitedMs), cancel(), drop()   how it ends
//   ended()        optional: the host finished a job that timed out (it held the queue until then)

/** @typedef {import("./core.js").Outcome} Outcome */
/**
 * @typedef {object} Job
 * @property {string} label
 * @property {number | null} timeoutMs
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
 * @typedef {object} QueueOptions
 * @property {Pick<import("./core.js").Logger, "warn">} log
 * @property {() => number} now
 * @property {(event: BusyEvent) => void} [onBusy]
 */
/**
 * The run of the job that holds the queue.
 * @typedef {{job: Job, started: number, deadline: number, finished: boolean, timedOut: boolean}} Run
 */
/**
 * A timer: a number in a page; in node an object with ref() and unref() (unref: the timer
 * keeps no process alive).
 * @typedef {number & {ref?: () => void, unref?: () => void}} Timer
 */

(/** @param {AerpcPanelRoot | undefined} root */ function (root, factory) {
    "use strict";
    var api = factory();
    if (root) {
        root.AerpcPanelLib = root.AerpcPanelLib || {};
        root.AerpcPanelLib.queue = api;
    }
    if (typeof module === "object" && module !== null && typeof module.exports === "object") {
        module.exports = api;
    }
}(typeof self !== "undefined" ? self : /** @type {AerpcPanelRoot} */ (this), function () {
    "use strict";

    class HostCallQueue {
        /**
         * options: log ({warn}), now (the millisecond clock timeouts are measured on),
         * onBusy(event) (a job overran its timeout: {label, waitedMs, queued}).
         * @param {QueueOptions} options
         */
        constructor(options) {
            const o = options || {};
            this._log = o.log;
            this._now = o.now;
            this._onBusy = o.onBusy || function () {};
            /** @type {Job[]} */
            this._waiting = [];
            /** @type {Run | null} */
            this._running = null; // the run of the job that holds the queue: see _run
            // One timer for the running job's timeout, not one per job: it is left armed when a
            // job ends, and when it fires it either times the running job out or is armed again
            // for that job's deadline. A queue that goes idle lets it go (unref, where timers
            // have it), so it keeps no process alive.
            /** @type {Timer | null} */
            this._timer = null;
            this._timerAt = Infinity;
        }

        /** Jobs waiting behind the one running. */
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

        /** Drop every waiting job (job.drop()); the running one ends as it ends. */
        clear() {
            const dropped = this._waiting.splice(0, this._waiting.length);
            for (const job of dropped) {
                job.drop();
            }
        }

        _pump() {
            let job = null;
            while (job === null && this._running === null && this._waiting.length > 0) {
                const next = /** @type {Job} */ (this._waiting.shift()); // length > 0
                if (next.start() !== false) {
                    job = next;
                }
            }
            if (job !== null) {
                this._run(job);
            }
        }

        /** @param {Job} job */
        _run(job) {
            const started = this._now();
            const timeoutMs = job.timeoutMs;
            const limited = timeoutMs !== null && timeoutMs > 0 && isFinite(timeoutMs);
            /** @type {Run} */
            const run = {job: job, started: started, deadline: limited ? started + timeoutMs : Infinity,
                finished: false, timedOut: false};
            this._running = run;
            if (limited) {
                this._armTimer(run.deadline);
            }
            job.exec((outcome) => this._done(run, outcome));
        }

        /** @param {Run} run @param {Outcome} outcome */
        _done(run, outcome) {
            if (run.finished) {
                return;
            }
            run.finished = true;
            this._running = null;
            const job = run.job;
            if (run.timedOut) {
                this._log.warn(job.label + ": the host answered after " + Math.round(this._now() - run.started) +
                    " ms, past its timeout; the late result was discarded");
                if (typeof job.ended === "function") {
                    job.ended();
                }
            } else {
                job.result(outcome);
            }
            if (this._waiting.length > 0) {
                // The next call starts only after the previous one called back; from a
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
            if (run === null || run.timedOut || run.deadline === Infinity) {
                return;
            }
            if (run.deadline > this._now()) {
                this._armTimer(run.deadline); // armed for an earlier job, or fired early
                return;
            }
            const job = run.job;
            const waitedMs = /** @type {number} */ (job.timeoutMs); // a deadline: it has one
            run.timedOut = true;
            this._log.warn(job.label + ": no answer from the host within " + waitedMs + " ms");
            job.timeout(waitedMs);
            this._onBusy({label: job.label, waitedMs: waitedMs, queued: this._waiting.length});
        }
    }

    return {HostCallQueue: HostCallQueue};
}));
