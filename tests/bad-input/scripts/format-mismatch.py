print('%d items' % 'many')
