package emu

import (
	"bufio"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// Interp is a kernels.Device that executes PTX itself, instruction by
// instruction, thread after thread, on the CPU: by default kernels.PTX, the
// very text the cuda build hands the driver. Sim runs gcc's build of
// kernels.cu; Interp runs nvcc's, so between them every compilation of the
// source that a GPU could see is tested except the driver's own (PTX to
// machine code), and its tests catch where nvcc's code differs from the
// source's C meaning (or the interpreter from PTX's).
//
// It implements the integer subset of PTX ISA 7.8 that nvcc emits for
// kernels.cu: 64- and 32-bit integer arithmetic (add, sub, mul.lo, mul.wide,
// mul.hi, mad.lo, div, rem, neg, min, max), logic and shifts, setp, selp,
// cvt between integer widths, mov, cvta.to.global, ld.param, ld.global,
// st.global, bra and ret, with predicates. Anything else is refused when
// the PTX is loaded. Memory is Go memory; an access outside an allocation
// fails the launch. Interp is safe for concurrent use; launches are
// serialised.
type Interp struct {
	mu      sync.Mutex
	entries map[string]*entry
	mem     [][]byte // allocation i at address (i+1) << addrShift
	closed  bool
}

// addrShift places allocation i at (i+1) << addrShift: addresses are
// nonzero and an address names its allocation by its high bits.
const addrShift = 40

// NewInterp parses ptx (kernels.PTX when empty) and returns a device that
// runs it.
func NewInterp(ptx string) (*Interp, error) {
	if ptx == "" {
		ptx = kernels.PTX
	}
	entries, err := parsePTX(ptx)
	if err != nil {
		return nil, err
	}
	for _, k := range kernels.Kernels() {
		e, ok := entries[k.Name()]
		if !ok {
			return nil, fmt.Errorf("ptx: no entry %s", k.Name())
		}
		if len(e.params) != k.Params() {
			return nil, fmt.Errorf("ptx: entry %s has %d parameters, want %d", k.Name(), len(e.params), k.Params())
		}
	}
	return &Interp{entries: entries}, nil
}

// Name implements kernels.Device.
func (m *Interp) Name() string { return "PTX interpreter (kernels.ptx on the CPU)" }

// Alloc implements kernels.Device.
func (m *Interp) Alloc(bytes int) (uint64, error) {
	if bytes <= 0 || int64(bytes) >= 1<<addrShift {
		return 0, fmt.Errorf("ptx: allocate %d bytes", bytes)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return 0, errClosed
	}
	b := make([]byte, bytes)
	for i := range b {
		b[i] = fill
	}
	// Slots are never reused: a freed address stays invalid.
	m.mem = append(m.mem, b)
	return uint64(len(m.mem)) << addrShift, nil
}

// Free implements kernels.Device.
func (m *Interp) Free(addr uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	i := int(addr>>addrShift) - 1
	if addr&(1<<addrShift-1) != 0 || i < 0 || i >= len(m.mem) || m.mem[i] == nil {
		return fmt.Errorf("ptx: free of 0x%x, not an allocation", addr)
	}
	m.mem[i] = nil
	return nil
}

// span returns the n bytes at addr.
func (m *Interp) span(addr uint64, n int) ([]byte, error) {
	i := int(addr>>addrShift) - 1
	off := addr & (1<<addrShift - 1)
	if i < 0 || i >= len(m.mem) || m.mem[i] == nil || n < 0 || off+uint64(n) > uint64(len(m.mem[i])) {
		return nil, fmt.Errorf("ptx: %d bytes at 0x%x are not inside one allocation", n, addr)
	}
	return m.mem[i][off : off+uint64(n)], nil
}

// CopyIn implements kernels.Device.
func (m *Interp) CopyIn(dst uint64, src unsafe.Pointer, bytes int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.span(dst, bytes)
	if err != nil {
		return err
	}
	copy(d, unsafe.Slice((*byte)(src), bytes))
	return nil
}

// CopyOut implements kernels.Device.
func (m *Interp) CopyOut(dst unsafe.Pointer, src uint64, bytes int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, err := m.span(src, bytes)
	if err != nil {
		return err
	}
	copy(unsafe.Slice((*byte)(dst), bytes), s)
	return nil
}

// Close implements kernels.Device.
func (m *Interp) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mem, m.closed = nil, true
	return nil
}

// Launch implements kernels.Device: every thread of kernels.Blocks(threads)
// blocks of kernels.BlockSize runs the entry to its ret, one after another.
func (m *Interp) Launch(k kernels.Kernel, threads int, args ...uint64) error {
	if err := kernels.CheckLaunch(k, threads, args); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return errClosed
	}
	e := m.entries[k.Name()]
	regs := make([]uint64, e.nregs)
	for t := range kernels.Blocks(threads) * kernels.BlockSize {
		clear(regs)
		if err := m.run(e, regs, args, uint64(t/kernels.BlockSize), uint64(t%kernels.BlockSize)); err != nil {
			return fmt.Errorf("ptx: kernel %s thread %d: %w", k.Name(), t, err)
		}
	}
	return nil
}

// opcodes.
const (
	opAdd = iota
	opSub
	opMulLo
	opMulWide
	opMulHi
	opMadLo
	opDiv
	opRem
	opNeg
	opMin
	opMax
	opAnd
	opOr
	opXor
	opNot
	opShl
	opShr
	opSetp
	opSelp
	opCvt
	opMov
	opLdParam
	opLdGlobal
	opStGlobal
	opBra
	opRet
)

// setp comparisons.
const (
	cmpEq = iota
	cmpNe
	cmpLt
	cmpLe
	cmpGt
	cmpGe
)

// compare reports x cmp y, for x and y ordered by less.
func compare(cmp int, eq, less bool) bool {
	switch cmp {
	case cmpEq:
		return eq
	case cmpNe:
		return !eq
	case cmpLt:
		return less
	case cmpLe:
		return less || eq
	case cmpGt:
		return !less && !eq
	default:
		return !less
	}
}

// Operand kinds.
const (
	kReg = iota
	kImm
	kTid   // %tid.x
	kNtid  // %ntid.x
	kCtaid // %ctaid.x
)

type operand struct {
	kind int
	reg  int
	imm  uint64
}

// typ is an operand type: its width in bits and signedness.
type typ struct {
	bits   int
	signed bool
}

type instr struct {
	op      int
	t       typ // the instruction's type (the destination's for cvt)
	src     typ // cvt's source type
	cmp     int // setp's comparison: cmpEq...
	guard   int // predicate register, -1 for none
	negate  bool
	d       int // destination register
	a, b, c operand
	off     int64 // memory offset
	target  int   // branch target
	text    string
}

type entry struct {
	name   string
	params []string
	code   []instr
	nregs  int
}

var errPTX = errors.New("ptx")

// parsePTX parses every .entry of src.
func parsePTX(src string) (map[string]*entry, error) {
	entries := map[string]*entry{}
	sc := bufio.NewScanner(strings.NewReader(src))
	var cur *entry
	var regs map[string]int
	var declared map[string]int // register prefix: count (.reg %rd<115>)
	var labels map[string]int
	var pending []string // branch targets by instruction index
	inParams := false
	finish := func() error {
		for i, l := range pending {
			if l == "" {
				continue
			}
			pc, ok := labels[l]
			if !ok {
				return fmt.Errorf("%w: %s: unknown label %s", errPTX, cur.name, l)
			}
			cur.code[i].target = pc
		}
		cur.nregs = len(regs)
		entries[cur.name] = cur
		return nil
	}
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "":
		case strings.HasPrefix(line, ".visible .entry "), strings.HasPrefix(line, ".entry "):
			name := strings.TrimSuffix(line[strings.LastIndex(line, " ")+1:], "(")
			cur = &entry{name: name}
			regs, declared, labels, pending = map[string]int{}, map[string]int{}, map[string]int{}, nil
			inParams = true
		case inParams && strings.HasPrefix(line, ".param"):
			f := strings.Fields(strings.TrimSuffix(line, ","))
			if len(f) != 3 || f[1] != ".u64" {
				return nil, fmt.Errorf("%w: %s: parameter %q is not .u64", errPTX, cur.name, line)
			}
			cur.params = append(cur.params, f[2])
		case inParams && line == ")":
			inParams = false
		case cur == nil && strings.HasPrefix(line, "."):
		case cur == nil:
			return nil, fmt.Errorf("%w: %q outside an entry", errPTX, line)
		case line == "{":
			if len(cur.code) > 0 || cur.nregs < 0 {
				return nil, fmt.Errorf("%w: %s: nested block", errPTX, cur.name)
			}
			cur.nregs = -1 // the entry's block is open
		case strings.HasPrefix(line, ".reg"):
			f := strings.Fields(strings.TrimSuffix(line, ";"))
			name, count, ok := strings.Cut(f[len(f)-1], "<")
			n, err := strconv.Atoi(strings.TrimSuffix(count, ">"))
			if !ok || err != nil {
				return nil, fmt.Errorf("%w: %s: register declaration %q", errPTX, cur.name, line)
			}
			declared[name] = n
		case strings.HasPrefix(line, ".pragma"): // a hint to the compiler
		case strings.HasPrefix(line, "."):
			return nil, fmt.Errorf("%w: %s: unsupported directive %q", errPTX, cur.name, line)
		case line == "}":
			if err := finish(); err != nil {
				return nil, err
			}
			cur = nil
		case strings.HasSuffix(line, ":"):
			labels[strings.TrimSuffix(line, ":")] = len(cur.code)
		default:
			in, label, err := decode(line, cur, regs, declared)
			if err != nil {
				return nil, fmt.Errorf("%w: %s: %q: %v", errPTX, cur.name, line, err)
			}
			cur.code = append(cur.code, in)
			pending = append(pending, label)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cur != nil {
		return nil, fmt.Errorf("%w: entry %s not closed", errPTX, cur.name)
	}
	return entries, nil
}

func parseType(s string) (typ, bool) {
	if s == "pred" {
		return typ{bits: 1}, true
	}
	if len(s) < 2 {
		return typ{}, false
	}
	n, err := strconv.Atoi(s[1:])
	if err != nil || (n != 8 && n != 16 && n != 32 && n != 64) {
		return typ{}, false
	}
	switch s[0] {
	case 's':
		return typ{n, true}, true
	case 'u', 'b':
		return typ{n, false}, true
	}
	return typ{}, false
}

// decode parses one instruction; label is a branch's target.
func decode(line string, e *entry, regs, declared map[string]int) (in instr, label string, err error) {
	in.text, in.guard = line, -1
	line = strings.TrimSuffix(line, ";")
	var undeclared []string
	reg := func(name string) int {
		if i, ok := regs[name]; ok {
			return i
		}
		// %rd12 is register 12 of the %rd<N> declaration.
		prefix := strings.TrimRight(name, "0123456789")
		n, err := strconv.Atoi(name[len(prefix):])
		if count, ok := declared[prefix]; !ok || err != nil || n >= count {
			undeclared = append(undeclared, name)
		}
		regs[name] = len(regs)
		return regs[name]
	}
	defer func() {
		if err == nil && len(undeclared) > 0 {
			err = fmt.Errorf("undeclared register or unsupported special register %s", strings.Join(undeclared, ", "))
		}
	}()
	if strings.HasPrefix(line, "@") {
		i := strings.IndexAny(line, " \t")
		if i < 0 {
			return in, "", errors.New("a guard without an instruction")
		}
		g, rest := line[1:i], line[i:]
		if strings.HasPrefix(g, "!") {
			in.negate, g = true, g[1:]
		}
		in.guard, line = reg(g), strings.TrimSpace(rest)
	}
	opText, rest := line, ""
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		opText, rest = line[:i], strings.TrimSpace(line[i:])
	}
	var ops []string
	if rest != "" {
		for o := range strings.SplitSeq(rest, ",") {
			ops = append(ops, strings.TrimSpace(o))
		}
	}
	parts := strings.Split(opText, ".")
	parseOperand := func(s string) (operand, error) {
		switch s {
		case "%tid.x":
			return operand{kind: kTid}, nil
		case "%ntid.x":
			return operand{kind: kNtid}, nil
		case "%ctaid.x":
			return operand{kind: kCtaid}, nil
		}
		if strings.HasPrefix(s, "%") {
			return operand{kind: kReg, reg: reg(s)}, nil
		}
		v, err := strconv.ParseInt(s, 0, 64)
		if err != nil {
			u, err2 := strconv.ParseUint(s, 0, 64)
			if err2 != nil {
				return operand{}, fmt.Errorf("operand %q", s)
			}
			return operand{kind: kImm, imm: u}, nil
		}
		return operand{kind: kImm, imm: uint64(v)}, nil
	}
	need := func(n int) error {
		if len(ops) != n {
			return fmt.Errorf("%d operands, want %d", len(ops), n)
		}
		return nil
	}
	// dst, then sources into a, b, c.
	arith := func(n int) error {
		if err := need(n); err != nil {
			return err
		}
		if !strings.HasPrefix(ops[0], "%") {
			return fmt.Errorf("destination %q", ops[0])
		}
		in.d = reg(ops[0])
		srcs := []*operand{&in.a, &in.b, &in.c}
		for i, o := range ops[1:] {
			v, err := parseOperand(o)
			if err != nil {
				return err
			}
			*srcs[i] = v
		}
		return nil
	}
	lastType := func() error {
		t, ok := parseType(parts[len(parts)-1])
		if !ok {
			return fmt.Errorf("type %q", parts[len(parts)-1])
		}
		in.t = t
		return nil
	}
	memory := func(s string) (operand, int64, error) {
		if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
			return operand{}, 0, fmt.Errorf("address %q", s)
		}
		s = s[1 : len(s)-1]
		base, off, _ := strings.Cut(s, "+")
		var o int64
		if off != "" {
			v, err := strconv.ParseInt(off, 0, 64)
			if err != nil {
				return operand{}, 0, fmt.Errorf("offset %q", off)
			}
			o = v
		}
		if !strings.HasPrefix(base, "%") {
			return operand{}, 0, fmt.Errorf("address base %q", base)
		}
		return operand{kind: kReg, reg: reg(base)}, o, nil
	}
	switch parts[0] {
	case "add", "sub", "and", "or", "xor", "shl", "shr", "min", "max", "div", "rem":
		in.op = map[string]int{"add": opAdd, "sub": opSub, "and": opAnd, "or": opOr, "xor": opXor, "shl": opShl, "shr": opShr,
			"min": opMin, "max": opMax, "div": opDiv, "rem": opRem}[parts[0]]
		if len(parts) != 2 {
			return in, "", fmt.Errorf("modifiers %q", opText)
		}
		err = errors.Join(lastType(), arith(3))
	case "neg", "not":
		in.op = map[string]int{"neg": opNeg, "not": opNot}[parts[0]]
		if len(parts) != 2 {
			return in, "", fmt.Errorf("modifiers %q", opText)
		}
		err = errors.Join(lastType(), arith(2))
	case "mul", "mad":
		if len(parts) != 3 {
			return in, "", fmt.Errorf("modifiers %q", opText)
		}
		switch parts[0] + "." + parts[1] {
		case "mul.lo":
			in.op, err = opMulLo, arith(3)
		case "mul.wide":
			in.op, err = opMulWide, arith(3)
		case "mul.hi":
			in.op, err = opMulHi, arith(3)
		case "mad.lo":
			in.op, err = opMadLo, arith(4)
		default:
			return in, "", fmt.Errorf("unsupported %q", opText)
		}
		err = errors.Join(err, lastType())
	case "setp":
		if len(parts) != 3 {
			return in, "", fmt.Errorf("modifiers %q", opText)
		}
		c, ok := map[string]int{"eq": cmpEq, "ne": cmpNe, "lt": cmpLt, "le": cmpLe, "gt": cmpGt, "ge": cmpGe}[parts[1]]
		if !ok {
			return in, "", fmt.Errorf("comparison %q", parts[1])
		}
		in.op, in.cmp = opSetp, c
		err = errors.Join(lastType(), arith(3))
	case "selp":
		in.op = opSelp
		err = errors.Join(lastType(), arith(4))
	case "cvt":
		if len(parts) != 3 {
			return in, "", fmt.Errorf("modifiers %q", opText)
		}
		in.op = opCvt
		d, ok1 := parseType(parts[1])
		s, ok2 := parseType(parts[2])
		if !ok1 || !ok2 {
			return in, "", fmt.Errorf("types %q", opText)
		}
		in.t, in.src = d, s
		err = arith(2)
	case "mov":
		in.op = opMov
		err = errors.Join(lastType(), arith(2))
	case "cvta":
		if opText != "cvta.to.global.u64" {
			return in, "", fmt.Errorf("unsupported %q", opText)
		}
		in.op, in.t = opMov, typ{bits: 64}
		err = arith(2)
	case "ld":
		if len(parts) != 3 || (parts[1] != "param" && parts[1] != "global") {
			return in, "", fmt.Errorf("unsupported %q", opText)
		}
		if err := errors.Join(lastType(), need(2)); err != nil {
			return in, "", err
		}
		in.d = reg(ops[0])
		if parts[1] == "param" {
			in.op = opLdParam
			name := strings.Trim(ops[1], "[]")
			idx := -1
			for i, p := range e.params {
				if p == name {
					idx = i
				}
			}
			if idx < 0 || in.t.bits != 64 {
				return in, "", fmt.Errorf("parameter %q", ops[1])
			}
			in.a = operand{kind: kImm, imm: uint64(idx)}
			break
		}
		in.op = opLdGlobal
		in.a, in.off, err = memory(ops[1])
	case "st":
		if len(parts) != 3 || parts[1] != "global" {
			return in, "", fmt.Errorf("unsupported %q", opText)
		}
		if err := errors.Join(lastType(), need(2)); err != nil {
			return in, "", err
		}
		in.op = opStGlobal
		if in.a, in.off, err = memory(ops[0]); err != nil {
			return in, "", err
		}
		in.b, err = parseOperand(ops[1])
	case "bra":
		if err := need(1); err != nil {
			return in, "", err
		}
		in.op, label = opBra, ops[0]
	case "ret":
		in.op = opRet
	default:
		return in, "", fmt.Errorf("unsupported instruction %q", opText)
	}
	return in, label, err
}

// mask truncates v to t's width.
func (t typ) mask(v uint64) uint64 {
	if t.bits >= 64 {
		return v
	}
	return v & (1<<t.bits - 1)
}

// sext reads v as a t: sign-extended if t is signed, zero-extended if not.
func (t typ) sext(v uint64) uint64 {
	v = t.mask(v)
	if t.signed && t.bits < 64 && v>>(t.bits-1)&1 == 1 {
		v |= ^uint64(0) << t.bits
	}
	return v
}

// access returns the bytes a load or store in addresses: aligned to their
// width, as a GPU requires, and inside one allocation.
func (m *Interp) access(in *instr, regs []uint64) ([]byte, error) {
	addr, n := regs[in.a.reg]+uint64(in.off), in.t.bits/8
	if addr%uint64(n) != 0 {
		return nil, fmt.Errorf("%q: misaligned address 0x%x", in.text, addr)
	}
	p, err := m.span(addr, n)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", in.text, err)
	}
	return p, nil
}

// run executes one thread.
func (m *Interp) run(e *entry, regs []uint64, args []uint64, ctaid, tid uint64) error {
	val := func(o operand) uint64 {
		switch o.kind {
		case kReg:
			return regs[o.reg]
		case kImm:
			return o.imm
		case kTid:
			return tid
		case kNtid:
			return kernels.BlockSize
		default:
			return ctaid
		}
	}
	for pc, steps := 0, 0; ; steps++ {
		if pc >= len(e.code) {
			return errors.New("ran past the end of the entry")
		}
		if steps > 1<<30 {
			return errors.New("no ret after 2^30 instructions")
		}
		in := &e.code[pc]
		pc++
		if in.guard >= 0 && (regs[in.guard] != 0) == in.negate {
			continue
		}
		t := in.t
		a, b := t.sext(val(in.a)), t.sext(val(in.b))
		var r uint64
		switch in.op {
		case opAdd:
			r = a + b
		case opSub:
			r = a - b
		case opMulLo:
			r = a * b
		case opMadLo:
			r = a*b + t.sext(val(in.c))
		case opMulWide: // 2t-bit product of t-bit operands
			r = a * b
			regs[in.d] = r
			continue
		case opMulHi:
			if t.bits != 64 {
				r = (a * b) >> t.bits
				break
			}
			hi, _ := bits.Mul64(a, b)
			if t.signed { // Hacker's Delight 8-3
				if int64(a) < 0 {
					hi -= b
				}
				if int64(b) < 0 {
					hi -= a
				}
			}
			r = hi
		case opDiv, opRem:
			if t.mask(b) == 0 {
				return fmt.Errorf("%q: division by zero", in.text)
			}
			switch {
			case t.signed && in.op == opDiv:
				r = uint64(int64(a) / int64(b))
			case t.signed:
				r = uint64(int64(a) % int64(b))
			case in.op == opDiv:
				r = t.mask(a) / t.mask(b)
			default:
				r = t.mask(a) % t.mask(b)
			}
		case opNeg:
			r = -a
		case opNot:
			r = ^a
		case opMin, opMax:
			less := a < b
			if t.signed {
				less = int64(a) < int64(b)
			}
			if less == (in.op == opMin) {
				r = a
			} else {
				r = b
			}
		case opAnd:
			r = a & b
		case opOr:
			r = a | b
		case opXor:
			r = a ^ b
		case opShl, opShr:
			n := uint32(val(in.b)) // the shift amount is a u32
			switch {
			case n >= uint32(t.bits) && in.op == opShr && t.signed && int64(a) < 0:
				r = ^uint64(0)
			case n >= uint32(t.bits):
				r = 0
			case in.op == opShl:
				r = a << n
			case t.signed:
				r = uint64(int64(a) >> n)
			default:
				r = t.mask(a) >> n
			}
		case opSetp:
			x, y := t.mask(a), t.mask(b)
			less := x < y
			if t.signed {
				less = int64(a) < int64(b)
			}
			if compare(in.cmp, x == y, less) {
				regs[in.d] = 1
			} else {
				regs[in.d] = 0
			}
			continue
		case opSelp:
			if regs[in.c.reg] != 0 {
				r = a
			} else {
				r = b
			}
		case opCvt:
			r = in.src.sext(val(in.a))
		case opMov:
			r = val(in.a)
		case opLdParam:
			regs[in.d] = args[in.a.imm]
			continue
		case opLdGlobal:
			p, err := m.access(in, regs)
			if err != nil {
				return err
			}
			var v uint64
			for i := len(p) - 1; i >= 0; i-- { // little endian
				v = v<<8 | uint64(p[i])
			}
			regs[in.d] = t.sext(v)
			continue
		case opStGlobal:
			p, err := m.access(in, regs)
			if err != nil {
				return err
			}
			v := val(in.b)
			for i := range p {
				p[i] = byte(v >> (8 * i))
			}
			continue
		case opBra:
			pc = in.target
			continue
		case opRet:
			return nil
		}
		regs[in.d] = t.mask(r)
	}
}

// Allocated returns the number of live allocations (for leak checks).
func (m *Interp) Allocated() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, b := range m.mem {
		if b != nil {
			n++
		}
	}
	return n
}
