package l1

import "time"

// SetClock makes m read the time from now: tests move a fake clock past
// ResubmitAfter instead of sleeping through it.
func SetClock(m *TxManager, now func() time.Time) { m.now = now }
