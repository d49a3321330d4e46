export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [
    { root: 'employee', pages: ['makeup/index', 'calendar/index', 'requests/index', 'request/index'] },
    { root: 'hr', pages: ['index', 'detail/index', 'specials/index', 'member/index', 'dashboard/index'] },
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
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#16a34a',
    navigationBarTitleText: '补打卡',
    navigationBarTextStyle: 'white',
  },
})
