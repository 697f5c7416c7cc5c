"""WHEN it runs: the nightly job, the long-running scheduler, the annual report jobs, and the
unattended runtime they share (lock, signals, state, logs, the school's clock); notify/ sends e-mail."""
