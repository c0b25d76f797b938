package sequencer

import "sync"

// feed fans values out to subscribers without ever blocking the sender: a
// subscriber whose buffer is full is dropped (its channel closed), so a
// slow WebSocket client cannot stall block execution.
type feed[T any] struct {
	mu   sync.Mutex
	subs map[chan T]struct{}
}

// subscribe returns a channel of the next values (buffered by buf) and a
// function that ends the subscription.
func (f *feed[T]) subscribe(buf int) (<-chan T, func()) {
	ch := make(chan T, buf)
	f.mu.Lock()
	if f.subs == nil {
		f.subs = map[chan T]struct{}{}
	}
	f.subs[ch] = struct{}{}
	f.mu.Unlock()
	return ch, func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[ch]; ok {
			delete(f.subs, ch)
			close(ch)
		}
	}
}

func (f *feed[T]) send(v T) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		select {
		case ch <- v:
		default:
			delete(f.subs, ch)
			close(ch)
		}
	}
}
