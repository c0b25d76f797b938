// The GPU kernels of the executor's op set: one thread per output element,
// exact integer arithmetic, mirroring executor/ops.go and softmax.go one to
// one. Formulas: spec/model.md#step and #softmax; rounding and saturation:
// spec/fixedpoint.md.
//
// This file is compiled twice:
//   - by nvcc to kernels.ptx (make ptx), which the cuda build loads with
//     cu.LoadData;
//   - as C by cgo (sim.c), where each kernel is a plain function that the
//     CPU emulator calls once per thread, so that the same source is tested
//     bit for bit against the CPU executor on every machine.
// It therefore uses only what C and CUDA C++ share: no shared memory, no
// barriers, no templates, no references. Every kernel parameter is 8 bytes
// (a pointer or a long long), as gorgonia.org/cu passes parameters.
//
// Regenerate kernels.ptx after any change: make ptx (checked in CI).

#ifdef __CUDACC__
#define KERNEL extern "C" __global__ void
#define DEVICE static __device__ __forceinline__
#define TID() ((long long)blockIdx.x * blockDim.x + threadIdx.x)
#define MUL64HI(a, b) __mul64hi((a), (b))
#else
#define KERNEL void
#define DEVICE static inline
#define TID() sim_tid
#define MUL64HI(a, b) ((long long)(((__int128)(a) * (__int128)(b)) >> 64))
extern __thread long long sim_tid;
#endif

typedef long long i64;
typedef unsigned long long u64;

// spec/fixedpoint.md#format
#define FRAC 16
#define ONE (1LL << FRAC)
#define VMAX ((1LL << 23) - 1)
#define VMIN (-(1LL << 23))

// spec/model.md#softmax
#define LOG2E 94548LL
#define MAX_EXP_SHIFT 18
#define EXP_C0 65536LL
#define EXP_C1 -45421LL
#define EXP_C2 15699LL
#define EXP_C3 -3500LL
#define EXP_C4 455LL

// sat is Sat (spec/fixedpoint.md#saturation).
DEVICE int sat(i64 x) {
	if (x > VMAX) return (int)VMAX;
	if (x < VMIN) return (int)VMIN;
	return (int)x;
}

// shift is Shift(x, s) with its remainder in *r (spec/fixedpoint.md#rounding):
// floor((x + 2^(s-1)) / 2^s), s in [0, 62]. The remainder is the low s bits
// of x + 2^(s-1), which is x + 2^(s-1) - q*2^s in two's complement.
DEVICE i64 shift(i64 x, int s, i64 *r) {
	if (s == 0) {
		*r = 0;
		return x;
	}
	i64 y = x + (1LL << (s - 1));
	*r = (i64)((u64)y & ((1ULL << s) - 1));
	return y >> s; // arithmetic: floor division by 2^s
}

// mulshift is Shift(a*b, s) for the exact 128-bit product, s in [1, 63],
// with its remainder in *r (fixed.MulShift).
DEVICE i64 mulshift(i64 a, i64 b, int s, i64 *r) {
	u64 lo = (u64)a * (u64)b;
	u64 hi = (u64)MUL64HI(a, b);
	u64 lo2 = lo + (1ULL << (s - 1));
	hi += lo2 < lo; // carry
	*r = (i64)(lo2 & ((1ULL << s) - 1));
	return (i64)((hi << (64 - s)) | (lo2 >> s));
}

// dense is the forward op of a layer (spec/model.md#forward, executor.Dense),
// thread i = b*out + j:
//   z[b][j] = Sat(Shift(sum_k w[j][k]*x[b][k] + bias[j]*2^16, 16))
// with its remainder; when relu is 1 also a[b][j] = max(z[b][j], 0)
// (executor.ReLU).
KERNEL dense(int *z, i64 *zrem, int *a, const int *x, const int *w, const int *bias, i64 batch, i64 in, i64 out, i64 relu) {
	i64 i = TID();
	if (i >= batch * out) return;
	i64 b = i / out, j = i % out;
	const int *xb = x + b * in;
	const int *wj = w + j * in;
	i64 acc = 0;
	for (i64 k = 0; k < in; k++) acc += (i64)wj[k] * (i64)xb[k];
	i64 r;
	int v = sat(shift(acc + (i64)bias[j] * ONE, FRAC, &r));
	z[i] = v;
	zrem[i] = r;
	if (relu) a[i] = v > 0 ? v : 0;
}

// loss_grad is the output delta (spec/model.md#loss, executor.Softmax and
// LossGrad), thread b = one sample of classes logits o[b]. With ce = 1 it
// fills the softmax trace (n = batch*classes; polyrem holds the four Horner
// remainders, stage by stage, n each) and delta = p - onehot; with ce = 0
// delta = Sat(o - onehot) and the softmax trace is left alone.
KERNEL loss_grad(int *delta, const int *o, const unsigned *y, i64 batch, i64 classes, i64 ce,
                 int *mx, i64 *u, i64 *urem, i64 *kk, i64 *ff, i64 *poly, i64 *polyrem,
                 i64 *ex, i64 *exrem, i64 *sum, int *p, i64 *divrem) {
	i64 b = TID();
	if (b >= batch) return;
	const int *row = o + b * classes;
	i64 label = (i64)y[b];
	if (!ce) {
		for (i64 j = 0; j < classes; j++)
			delta[b * classes + j] = sat((i64)row[j] - (j == label ? ONE : 0));
		return;
	}
	i64 n = batch * classes;
	int m = row[0];
	for (i64 j = 1; j < classes; j++)
		if (row[j] > m) m = row[j];
	mx[b] = m;
	i64 s = 0;
	for (i64 j = 0; j < classes; j++) {
		i64 i = b * classes + j, r;
		i64 uj = shift((i64)(row[j] - m) * LOG2E, FRAC, &r);
		u[i] = uj;
		urem[i] = r;
		i64 neg = -uj;
		i64 k = neg >> FRAC, f = neg & (ONE - 1);
		kk[i] = k;
		ff[i] = f;
		i64 P = EXP_C4;
		P = shift(P * f, FRAC, &r) + EXP_C3;
		polyrem[0 * n + i] = r;
		P = shift(P * f, FRAC, &r) + EXP_C2;
		polyrem[1 * n + i] = r;
		P = shift(P * f, FRAC, &r) + EXP_C1;
		polyrem[2 * n + i] = r;
		P = shift(P * f, FRAC, &r) + EXP_C0;
		polyrem[3 * n + i] = r;
		poly[i] = P;
		i64 e = shift(P, (int)(k < MAX_EXP_SHIFT ? k : MAX_EXP_SHIFT), &r);
		ex[i] = e;
		exrem[i] = r;
		s += e;
	}
	sum[b] = s;
	for (i64 j = 0; j < classes; j++) {
		i64 i = b * classes + j;
		i64 num = ex[i] * ONE;
		int pj = (int)(num / s);
		p[i] = pj;
		divrem[i] = num - (i64)pj * s;
		delta[i] = (int)((i64)pj - (j == label ? ONE : 0));
	}
}

// back_error propagates a layer's error to its input and applies the ReLU
// derivative (spec/model.md#backward, executor.BackError and ReLUGrad),
// thread i = b*in + k, with w before the update:
//   e[b][k] = Sat(Shift(sum_j w[j][k]*delta[b][j], 16)) with its remainder,
//   dprev[b][k] = e[b][k] if zprev[b][k] > 0, else 0.
KERNEL back_error(int *e, i64 *erem, int *dprev, const int *delta, const int *w, const int *zprev, i64 batch, i64 in, i64 out) {
	i64 i = TID();
	if (i >= batch * in) return;
	i64 b = i / in, k = i % in;
	const int *db = delta + b * out;
	i64 acc = 0;
	for (i64 j = 0; j < out; j++) acc += (i64)w[j * in + k] * (i64)db[j];
	i64 r;
	int v = sat(shift(acc, FRAC, &r));
	e[i] = v;
	erem[i] = r;
	dprev[i] = zprev[i] > 0 ? v : 0;
}

// weight_update computes a layer's exact gradient sums and applies the SGD
// update to its weights and biases (spec/model.md#backward and #update,
// executor.WeightGrad and Update), thread i = j*(in+1) + k:
//   k < in:  gw[j][k] = sum_b delta[b][j]*x[b][k],
//            w[j][k] = Sat(w[j][k] - Shift(gw[j][k]*eta, 32 + logb)),
//            remainder at urem[j*in + k];
//   k = in:  gb[j] = sum_b delta[b][j],
//            bias[j] = Sat(bias[j] - Shift(gb[j]*eta, 16 + logb)),
//            remainder at urem[out*in + j].
// A layer's weight_update runs after its back_error, which reads w before
// the update.
KERNEL weight_update(int *w, int *bias, i64 *gw, i64 *gb, i64 *urem, const int *delta, const int *x,
                     i64 batch, i64 in, i64 out, i64 eta, i64 logb) {
	i64 i = TID();
	if (i >= out * (in + 1)) return;
	i64 j = i / (in + 1), k = i % (in + 1);
	i64 acc = 0, r, q;
	if (k < in) {
		for (i64 b = 0; b < batch; b++) acc += (i64)delta[b * out + j] * (i64)x[b * in + k];
		gw[j * in + k] = acc;
		q = mulshift(acc, eta, (int)(2 * FRAC + logb), &r);
		w[j * in + k] = sat((i64)w[j * in + k] - q);
		urem[j * in + k] = r;
		return;
	}
	for (i64 b = 0; b < batch; b++) acc += (i64)delta[b * out + j];
	gb[j] = acc;
	q = mulshift(acc, eta, (int)(FRAC + logb), &r);
	bias[j] = sat((i64)bias[j] - q);
	urem[out * in + j] = r;
}
