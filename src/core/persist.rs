//! When to persist the project: a throttle, not a debounce, so a steady stream of edits
//! never postpones saving. The browser layer asks it what to do and runs the timers.

/// What the caller should do after a change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SaveStep {
    /// Save the current state now.
    Now,
    /// Arm a timer for this many milliseconds, then call [`SaveThrottle::on_timer`].
    After(f64),
    /// A timer is already armed; it will save the state as it is then.
    Armed,
}

/// Saves at once after a quiet spell, then at most once per `interval_ms`; the last change
/// of a burst is always saved, at most `interval_ms` after it happened.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveThrottle {
    interval_ms: f64,
    last_save_ms: Option<f64>,
    armed: bool,
}

impl SaveThrottle {
    pub fn new(interval_ms: f64) -> Self {
        Self { interval_ms, last_save_ms: None, armed: false }
    }

    /// A change happened at `now_ms`.
    pub fn on_change(&mut self, now_ms: f64) -> SaveStep {
        if self.armed {
            return SaveStep::Armed;
        }
        match self.last_save_ms {
            Some(last) if now_ms - last < self.interval_ms => {
                self.armed = true;
                SaveStep::After(self.interval_ms - (now_ms - last))
            }
            _ => {
                self.last_save_ms = Some(now_ms);
                SaveStep::Now
            }
        }
    }

    /// The armed timer fired at `now_ms`: save now.
    pub fn on_timer(&mut self, now_ms: f64) {
        self.armed = false;
        self.last_save_ms = Some(now_ms);
    }

    /// The page is going away (`pagehide`, hidden): save now if anything is armed. Returns
    /// whether a save is owed; the caller cancels its timer.
    pub fn on_leave(&mut self, now_ms: f64) -> bool {
        let owed = self.armed;
        if owed {
            self.on_timer(now_ms);
        }
        owed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replays changes at the given times and returns the times at which saves happen.
    fn saves_for(changes: &[f64], interval: f64) -> Vec<f64> {
        let mut throttle = SaveThrottle::new(interval);
        let (mut saves, mut timer) = (Vec::new(), None::<f64>);
        for &t in changes {
            if let Some(due) = timer.filter(|&due| due <= t) {
                throttle.on_timer(due);
                saves.push(due);
                timer = None;
            }
            match throttle.on_change(t) {
                SaveStep::Now => saves.push(t),
                SaveStep::After(ms) => timer = Some(t + ms),
                SaveStep::Armed => assert!(timer.is_some(), "armed means a timer is pending"),
            }
        }
        if let Some(due) = timer {
            throttle.on_timer(due);
            saves.push(due);
        }
        saves
    }

    #[test]
    fn a_lone_change_is_saved_at_once() {
        assert_eq!(saves_for(&[1000.0], 250.0), [1000.0]);
    }

    #[test]
    fn a_stream_of_edits_is_saved_every_interval_and_at_its_end() {
        // Twenty edits 150 ms apart: a debounce of 250 ms would never save until the end.
        let changes: Vec<f64> = (0..20).map(|i| 1000.0 + 150.0 * i as f64).collect();
        let saves = saves_for(&changes, 250.0);
        assert_eq!(saves[0], 1000.0);
        for pair in saves.windows(2) {
            assert!(pair[1] - pair[0] >= 250.0 - 1e-9, "{saves:?}");
            assert!(pair[1] - pair[0] <= 300.0, "never more than one interval plus one gap: {saves:?}");
        }
        let last_change = *changes.last().unwrap();
        let last_save = *saves.last().unwrap();
        assert!(last_save >= last_change && last_save - last_change <= 250.0, "{saves:?}");
    }

    #[test]
    fn leaving_saves_what_is_armed_and_only_that() {
        let mut throttle = SaveThrottle::new(250.0);
        assert!(!throttle.on_leave(0.0), "nothing changed, nothing owed");
        assert_eq!(throttle.on_change(10.0), SaveStep::Now);
        assert!(!throttle.on_leave(20.0), "the change was saved already");
        assert_eq!(throttle.on_change(30.0), SaveStep::After(230.0));
        assert_eq!(throttle.on_change(40.0), SaveStep::Armed);
        assert!(throttle.on_leave(50.0), "the armed change is owed");
        assert!(!throttle.on_leave(60.0));
        assert_eq!(throttle.on_change(400.0), SaveStep::Now);
    }
}
