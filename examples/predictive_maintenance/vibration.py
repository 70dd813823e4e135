"""Synthetic vibration of a rotating machine, and the per-frame features the model sees (numpy).

A recording is FRAMES frames of FRAME samples at FS Hz from an accelerometer on a bearing housing:
  - shaft rotation at f0 (18..32 Hz) drifting by up to +-15 % over the recording (speed drift), with
    its 2x and 3x harmonics, scaled by a random machine load;
  - class 1, imbalance: a strong, load-dependent 1x component (and a little 2x);
  - class 2, outer-race bearing fault: impulses at the ball-pass frequency BPFO = (3.0..4.2) * f0,
    with timing jitter, each ringing a structural resonance (500..800 Hz, a few ms decay);
  - every class: broadband noise and, now and then, a single knock (a distractor for class 2);
  - the sensor's DC offset: the part of gravity along its axis (mounting angle, -1..1 g).
The recording is band-limited first, as a real front end does: a 2nd-order Butterworth high-pass at
HIGHPASS_HZ (scipy.signal.butter(..., output="sos") and sosfilt over the whole recording, state
carried from frame to frame) removes the offset, which would otherwise swamp the RMS and the lowest
band. Features of one filtered frame (8): log10 RMS, excess kurtosis / 10, log10 of the power in six
bands of the Hann-windowed periodogram (scipy.signal.periodogram(x, FS, window='hann') arithmetic).
The C++ example computes the same with ctml::dsp (sos_filter with butter_highpass, rms, kurtosis,
periodogram, band_power).
"""
import numpy as np
import scipy.signal

FS = 2048.0
FRAME = 256
FRAMES = 24
CLASSES = ("healthy", "imbalance", "bearing_fault")
BANDS = ((0, 40), (40, 80), (80, 160), (160, 320), (320, 640), (640, 1025))
N_FEATURES = 2 + len(BANDS)
HIGHPASS_HZ = 3.0
HIGHPASS_SOS = scipy.signal.butter(2, HIGHPASS_HZ, "highpass", fs=FS, output="sos")


def recording(cls, rng, frames=FRAMES):
    n = FRAME * frames
    t = np.arange(n) / FS
    f0 = rng.uniform(18, 32)
    f = f0 * (1 + rng.uniform(-0.15, 0.15) * t / t[-1])
    phase = 2 * np.pi * np.cumsum(f) / FS
    load = rng.uniform(0.5, 1.5)
    ph = rng.uniform(0, 2 * np.pi, 4)
    x = load * (rng.uniform(0.15, 0.4) * np.sin(phase + ph[0]) + rng.uniform(0.03, 0.12) * np.sin(2 * phase + ph[1])
                + rng.uniform(0.01, 0.06) * np.sin(3 * phase + ph[2]))
    if cls == 1:
        x += load * rng.uniform(0.45, 1.1) * np.sin(phase + ph[3]) + load * 0.05 * np.sin(2 * phase)
    ring = lambda amp, fr, tau, length=int(0.02 * FS): amp * np.exp(-np.arange(length) / FS / tau) * \
        np.sin(2 * np.pi * fr * np.arange(length) / FS)
    if cls == 2:
        bpfo = rng.uniform(3.0, 4.2)
        fr, tau, amp = rng.uniform(500, 800), rng.uniform(0.002, 0.005), load * rng.uniform(0.25, 0.8)
        hits = np.nonzero(np.diff(np.floor(bpfo * phase / (2 * np.pi))) > 0)[0]
        for i in hits:
            i = int(np.clip(i + rng.integers(-4, 5), 0, n - 1))
            r = ring(amp * rng.uniform(0.6, 1.0), fr, tau)
            m = min(len(r), n - i)
            x[i:i + m] += r[:m]
    for _ in range(rng.poisson(1.0)):  # occasional knocks
        i = int(rng.integers(0, n - 1))
        r = ring(load * rng.uniform(0.2, 0.8), rng.uniform(300, 900), 0.004)
        m = min(len(r), n - i)
        x[i:i + m] += r[:m]
    x += rng.normal(0, load * rng.uniform(0.03, 0.1), n)
    # Gravity along the sensing axis, sin(mounting angle): the angle reuses the draw ph[3] (only
    # class 1 uses it otherwise, for a phase), so the recordings' other draws stay as they were.
    x += np.sin(ph[3])
    return x.astype(np.float32)


def hann(n):
    return (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n))  # periodic, as scipy.signal.get_window


def frame_features(frame):
    x = np.asarray(frame, np.float64)
    rms = np.sqrt(np.mean(x * x))
    d = x - x.mean()
    m2, m4 = np.mean(d ** 2), np.mean(d ** 4)
    kurt = m4 / (m2 * m2) - 3.0 if m2 > 0 else 0.0
    w = hann(FRAME)
    spec = np.abs(np.fft.rfft(d * w)) ** 2 / (FS * np.sum(w * w))
    spec[1:-1] *= 2
    bin_hz = FS / FRAME
    freqs = np.arange(len(spec)) * bin_hz
    bands = [np.sum(spec[(freqs >= lo) & (freqs < hi)]) * bin_hz for lo, hi in BANDS]
    return np.array([np.log10(rms + 1e-6), kurt / 10.0] + [np.log10(b + 1e-9) for b in bands])


def features(x):
    y = scipy.signal.sosfilt(HIGHPASS_SOS, np.asarray(x, np.float64))
    return np.array([frame_features(y[i * FRAME:(i + 1) * FRAME]) for i in range(len(y) // FRAME)])


def dataset(n_per_class, seed, frames=FRAMES):
    """Raw recordings [N][frames * FRAME], labels [N], features [N][frames][N_FEATURES]."""
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(len(CLASSES)), n_per_class)
    rng.shuffle(labels)
    raw = np.array([recording(int(c), rng, frames) for c in labels])
    feats = np.array([features(r) for r in raw])
    return raw, labels, feats
