"""Synthetic 3-axis accelerometer streams of daily activities, and the per-frame features (numpy).

A recording is FRAMES frames of FRAME samples at RATE Hz (3 axes, in g) from a phone in a pocket:
  - activities: still (standing or sitting: posture sway, no steps), walking (step rate 1.5-2.2 Hz),
    running (2.3-3.2 Hz, harder impacts), cycling (pedalling at 0.9-1.6 Hz, smooth, plus road
    vibration); the step or pedal rate and the intensity drift during a recording (speed
    variation), and the ranges of walking and running touch;
  - a random device orientation per recording (any rotation: gravity and the motion appear on
    every axis), a per-axis sensor offset (+-0.03 g) and noise (0.01-0.03 g);
  - half of the recordings change activity once, at a random sample between frames 8 and 22
    (transitions); each frame is labelled with the activity at its last sample.
Gravity is removed as a device does it, a 2nd-order Butterworth high-pass at HIGHPASS_HZ per axis
(scipy.signal.butter(..., output="sos"), sosfilt over the whole recording, state carried from frame
to frame) leaves the body acceleration. Features of one frame (8, orientation-free):
  log10 std of the raw magnitude |a|, log10 RMS of the body-acceleration magnitude, log10 RMS of the
  jerk magnitude |diff(a)| * RATE, and log10 power of the detrended |a| in five bands of its
  Hann-windowed periodogram (scipy.signal.periodogram(|a|, RATE, window='hann') arithmetic).
The C++ example computes the same with ctml::dsp (sos_filter with butter_highpass, magnitude,
jerk_magnitude, stddev, rms, periodogram, band_power): activity_features.hpp.
"""
import numpy as np
import scipy.signal

RATE = 50.0
FRAME = 64
FRAMES = 30
CLASSES = ("still", "walking", "running", "cycling")
BANDS = ((0.5, 1.2), (1.2, 2.0), (2.0, 2.8), (2.8, 4.0), (4.0, 25.1))
N_FEATURES = 3 + len(BANDS)
HIGHPASS_HZ = 0.5
HIGHPASS_SOS = scipy.signal.butter(2, HIGHPASS_HZ, "highpass", fs=RATE, output="sos")


def random_rotation(rng):
    q = rng.normal(size=4)
    a, b, c, d = q / np.linalg.norm(q)
    return np.array([[a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
                     [2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b)],
                     [2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d]])


def motion(activity, n, rng):
    """Body-frame acceleration [n][3] (x forward, y left, z up) of one activity, without gravity."""
    t = np.arange(n) / RATE
    rate = {0: 0.0, 1: rng.uniform(1.4, 2.3), 2: rng.uniform(2.0, 3.0), 3: rng.uniform(0.8, 1.7)}[activity]
    # Speed variation: the rate and the intensity follow a slow random walk (+-15 %).
    drift = np.cumsum(rng.normal(0, 1, n))
    drift = 1 + 0.15 * drift / (np.abs(drift).max() + 1e-9)
    phase = 2 * np.pi * np.cumsum(rate * drift) / RATE + rng.uniform(0, 2 * np.pi)
    a = np.zeros((n, 3))
    if activity == 0:  # posture sway, and now and then the phone handled (a burst of 1-3 s)
        for k in range(3):
            a[:, k] = 0.01 * np.sin(2 * np.pi * rng.uniform(0.1, 0.6) * t + rng.uniform(0, 6.3))
        for _ in range(rng.poisson(n / RATE / 15)):
            i, m = int(rng.integers(0, n)), int(rng.uniform(1, 3) * RATE)
            burst = rng.normal(0, rng.uniform(0.05, 0.25), (min(m, n - i), 3))
            a[i:i + m] += scipy.signal.lfilter([0.2], [1, -0.8], burst, axis=0)
    elif activity in (1, 2):  # steps: vertical impacts rich in harmonics, forward and lateral sway
        amp = (rng.uniform(0.18, 0.6) if activity == 1 else rng.uniform(0.45, 1.3)) * drift
        sharp = rng.uniform(1.5, 3.0) if activity == 1 else rng.uniform(2.5, 5.0)
        impact = np.exp(sharp * (np.cos(phase) - 1))  # one peak per step
        a[:, 2] = amp * (impact - impact.mean())
        a[:, 0] = 0.4 * amp * np.sin(phase + rng.uniform(0, 1))
        a[:, 1] = 0.25 * amp * np.sin(phase / 2 + rng.uniform(0, 6.3))  # sway once per stride
    else:  # pedalling: smooth thigh motion at the cadence, road vibration
        amp = rng.uniform(0.12, 0.5) * drift
        a[:, 0] = amp * np.sin(phase)
        a[:, 2] = 0.6 * amp * np.sin(2 * phase + rng.uniform(0, 6.3))
        a[:, 1] = 0.2 * amp * np.sin(phase + rng.uniform(0, 6.3))
        a += rng.normal(0, rng.uniform(0.02, 0.12), (n, 3)) * np.array([0.5, 0.5, 1.0])
    return a


def recording(first, rng, frames=FRAMES):
    """Raw samples [frames * FRAME][3] (float32, g) and the label of each frame."""
    n = frames * FRAME
    acts = [first]
    switch = n
    if rng.uniform() < 0.5:
        acts.append(int((first + rng.integers(1, len(CLASSES))) % len(CLASSES)))
        switch = int(rng.integers(8 * FRAME, 22 * FRAME))
    body = motion(acts[0], n, rng)
    if len(acts) == 2:
        body[switch:] = motion(acts[1], n - switch, rng)
    labels = np.array([acts[0] if (f + 1) * FRAME - 1 < switch else acts[-1] for f in range(frames)])
    tilt = random_rotation(rng)
    a = (body + np.array([0.0, 0.0, 1.0])) @ tilt.T  # device frame: gravity and motion on every axis
    a += rng.uniform(-0.03, 0.03, 3) + rng.normal(0, rng.uniform(0.01, 0.05), (n, 3))
    return a.astype(np.float32), labels


def hann(n):
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)  # periodic, as scipy.signal.get_window


def frame_features(raw, body):
    """raw, body: [FRAME][3] float64 (body: high-passed) -> N_FEATURES."""
    mag = np.sqrt((raw * raw).sum(1))
    body_rms = np.sqrt((body * body).sum(1).mean())
    jerk = np.sqrt(((np.diff(raw, axis=0) * RATE) ** 2).sum(1))
    d = mag - mag.mean()
    w = hann(FRAME)
    spec = np.abs(np.fft.rfft(d * w)) ** 2 / (RATE * np.sum(w * w))
    spec[1:-1] *= 2
    bin_hz = RATE / FRAME
    freqs = np.arange(len(spec)) * bin_hz
    bands = [np.sum(spec[(freqs >= lo) & (freqs < hi)]) * bin_hz for lo, hi in BANDS]
    return np.array([np.log10(mag.std() + 1e-3), np.log10(body_rms + 1e-3), np.log10(np.sqrt(np.mean(jerk ** 2)) + 1e-3)]
                    + [np.log10(b + 1e-6) for b in bands])


def features(raw):
    """Per-frame features [frames][N_FEATURES] of one recording (raw [n][3] float32)."""
    x = np.asarray(raw, np.float64)
    body = scipy.signal.sosfilt(HIGHPASS_SOS, x, axis=0)
    return np.array([frame_features(x[i * FRAME:(i + 1) * FRAME], body[i * FRAME:(i + 1) * FRAME])
                     for i in range(len(x) // FRAME)])


def dataset(n_per_class, seed, frames=FRAMES):
    """Raw recordings [N][frames * FRAME][3], frame labels [N][frames], features [N][frames][F]."""
    rng = np.random.default_rng(seed)
    first = np.repeat(np.arange(len(CLASSES)), n_per_class)
    rng.shuffle(first)
    recs = [recording(int(c), rng, frames) for c in first]
    raw = np.array([r for r, _ in recs])
    labels = np.array([lab for _, lab in recs])
    feats = np.array([features(r) for r in raw])
    return raw, labels, feats
