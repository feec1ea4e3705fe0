/**
 * Response bodies re-typed from the useapi.net MiniMax v1 documentation (useapi-api.md §2–§9),
 * placeholders kept, for the parsing and HTTP tests.
 */

/** GET /scheduler/ example: note the image job carries its id under `videoId`. */
export const DOC_SCHEDULER_EXAMPLE = [
  {
    videoId: 'user:1111-minimax:222222-video:333',
    started: '2025-01-01T10:00:00.000Z',
    elapsed: '03:57',
    replyUrl: '<optional>',
    replyRef: '<optional>',
  },
  {
    videoId: 'user:1111-minimax:222222-image:444',
    started: '2025-01-01T10:03:00.000Z',
    elapsed: '00:35',
    replyUrl: '<optional>',
    replyRef: '<optional>',
  },
];

/** GET /scheduler/available example. */
export const DOC_AVAILABLE_EXAMPLE = {
  executing: [
    {
      videoId: 'user:1111-minimax:222222-video:333',
      started: '2025-01-01T10:00:00.000Z',
      elapsed: '03:57',
      replyUrl: '<opt>',
      replyRef: '<opt>',
    },
  ],
  available: [{ account: '222222', maxJobs: 5, executing: 3, available: 2 }],
};

/** GET /videos/{videoId} example (completed). */
export const DOC_VIDEO_EXAMPLE = {
  id: '333',
  desc: 'a cat surfing a wave at sunset',
  coverURL: 'https://cdn.example/cover.jpg',
  videoURL: 'https://cdn.example/video-watermarked.mp4',
  downloadURL: 'https://cdn.example/video.mp4',
  status: 2,
  statusLabel: 'completed',
  statusFinal: true,
  percent: 100,
  width: 1280,
  height: 720,
  originFiles: [{ id: 'user:1111-minimax:222222-file:555', url: 'https://cdn.example/in.png', type: 'png' }],
  canAppeal: false,
  canRetry: false,
  videoId: 'user:1111-minimax:222222-video:333',
};

/** A MiniMax session token as GET /accounts would carry it under `jwt.token`. */
export const SESSION_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.SESSION-SECRET-minimax.sig';

/** GET /accounts example: an object keyed by account id. */
export const DOC_ACCOUNTS_EXAMPLE = {
  '222222': {
    account: '222222',
    maxJobs: 3,
    supportVideo: true,
    supportMusic: false,
    jwt: {
      token: SESSION_TOKEN,
      user: {
        deviceID: '9',
        id: '222222',
        isAnonymous: false,
        name: 'Ada',
        avatar: 'https://cdn.example/a.png',
      },
      exp: 1767225600.5,
      iat: 1764633600.25,
      host: 'hailuoai.video',
      searchParams: '?device_platform=web',
      iat_Issued: '2025-12-02T00:00:00.250Z',
      exp_Expire: '2026-01-01T00:00:00.500Z',
    },
  },
  '333333': {
    account: '333333',
    maxJobs: 2,
    error: 'Session expired, please update the account',
    jwt: { token: SESSION_TOKEN, exp: 1767225600 },
  },
};
