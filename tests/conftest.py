pytest_plugins = ["tests.fake_sheets.fixtures"]
