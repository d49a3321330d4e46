export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [
    {
      root: 'employee',
      pages: [
        'makeup/index',
        'calendar/index',
        'requests/index',
        'request/index',
        'tickets/index',
        'tickets/detail/index',
        'verify/index',
      ],
    },
    {
      root: 'hr',
      pages: [
        'index',
        'detail/index',
        'specials/index',
        'member/index',
        'dashboard/index',
        'tickets/index',
        'delegate/index',
        'checkins/index',
        'batch/index',
        'monthly/index',
      ],
    },
    { root: 'privacy', pages: ['index'] },
    {
      root: 'admin',
      pages: [
        'index',
        'members/index',
        'member/index',
        'policy/index',
        'maintenance/index',
        'help/index',
        'webhook/index',
        'access/index',
        'privacy/index',
        'operator/index',
        'leave/index',
        'audit/index',
        'notices/index',
      ],
    },
  ],
  // privacy APIs wait for the user's agreement to the privacy guide (onNeedPrivacyAuthorization, src/components/privacy)
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#16a34a',
    navigationBarTitleText: '补打卡',
    navigationBarTextStyle: 'white',
  },
})
