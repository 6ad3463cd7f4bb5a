-- Headless Neovim 0.7 LSP probe. Run by run.mjs as:
--   nvim --headless -u NONE -i NONE -c "luafile tests/e2e/nvim/check.lua"
-- Parameters come from env vars (no templating, so one file serves every test):
--   BRIEFCHECK_LSP_CMD   JSON array, the stdio server command
--   BRIEFCHECK_FILE      markdown file to open
--   BRIEFCHECK_OUT       JSON result file
--   BRIEFCHECK_LINE / BRIEFCHECK_CHARACTER   0-based hover position
--   BRIEFCHECK_ACTION_LINE / BRIEFCHECK_ACTION_CHARACTER   0-based code-action position
--                                            (default: the first diagnostic's range)
--   BRIEFCHECK_TIMEOUT_MS                     per wait (default 10000)
-- 0.7 has no vim.lsp.start (0.8+), so start_client + buf_attach_client.
local out = assert(os.getenv('BRIEFCHECK_OUT'), 'BRIEFCHECK_OUT not set')
local timeout = tonumber(os.getenv('BRIEFCHECK_TIMEOUT_MS') or '10000')
local encode = (vim.json and vim.json.encode) or vim.fn.json_encode

local function finish(result, ok)
  local f = assert(io.open(out, 'w'))
  f:write(encode(result))
  f:close()
  vim.cmd(ok and 'qall!' or 'cquit! 1') -- non-zero exit is what the runner checks
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode((assert(os.getenv('BRIEFCHECK_LSP_CMD'), 'BRIEFCHECK_LSP_CMD not set')))
  local file = vim.fn.fnamemodify(assert(os.getenv('BRIEFCHECK_FILE'), 'BRIEFCHECK_FILE not set'), ':p')
  local position = {line = tonumber(os.getenv('BRIEFCHECK_LINE') or '0'),
                    character = tonumber(os.getenv('BRIEFCHECK_CHARACTER') or '0')}
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  -- -u NONE disables filetype detection; didOpen's languageId comes from 'filetype'.
  vim.bo[bufnr].filetype = 'markdown'

  local exit_info
  local client_id = vim.lsp.start_client({
    name = 'briefcheck-e2e', cmd = cmd, root_dir = vim.fn.fnamemodify(file, ':h'),
    on_exit = function(code, signal) exit_info = ('server exited (code %s, signal %s)'):format(code, signal) end,
  })
  if not client_id then error('vim.lsp.start_client failed for ' .. table.concat(cmd, ' ')) end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local t0 = vim.loop.hrtime()
  local got = vim.wait(timeout, function() return exit_info ~= nil or #vim.diagnostic.get(bufnr) > 0 end, 10)
  if exit_info then error(exit_info) end
  if not got then error(('timeout: no diagnostics after %d ms'):format(timeout)) end
  local diagnostics_ms = math.floor((vim.loop.hrtime() - t0) / 1e6)

  -- Back to LSP shape (0-based; cols are bytes = UTF-16 units for ASCII text only).
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(diagnostics, {
      range = {start = {line = d.lnum, character = d.col}, ['end'] = {line = d.end_lnum, character = d.end_col}},
      severity = d.severity, message = d.message, source = d.source, code = lsp.code, data = lsp.data,
    })
  end

  local uri = vim.uri_from_bufnr(bufnr)
  -- buf_request_sync returns {[client_id] = {result=..., error=...}} or nil, err.
  local function request(method, params)
    local resp, rerr = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
    if not resp then error(method .. ': ' .. tostring(rerr)) end
    local r = resp[client_id] or {}
    if r.error then error(method .. ': ' .. vim.inspect(r.error)) end
    return r.result
  end
  local hover = request('textDocument/hover', {textDocument = {uri = uri}, position = position})
  -- Code actions as an editor asks for them: a cursor range plus the diagnostics under it.
  local action_range, action_diagnostics = diagnostics[1].range, diagnostics
  local action_line = tonumber(os.getenv('BRIEFCHECK_ACTION_LINE') or '')
  if action_line then
    local at = {line = action_line, character = tonumber(os.getenv('BRIEFCHECK_ACTION_CHARACTER') or '0')}
    local function before(a, b) return a.line < b.line or (a.line == b.line and a.character <= b.character) end
    action_range, action_diagnostics = {start = at, ['end'] = at}, {}
    for _, d in ipairs(diagnostics) do
      if before(d.range.start, at) and before(at, d.range['end']) then table.insert(action_diagnostics, d) end
    end
  end
  local actions = request('textDocument/codeAction', {textDocument = {uri = uri},
    range = action_range, context = {diagnostics = action_diagnostics}})

  local lenses = request('textDocument/codeLens', {textDocument = {uri = uri}})

  return {diagnostics = diagnostics, diagnosticsMs = diagnostics_ms, hover = hover or vim.NIL, codeActions = actions or {},
          codeLenses = lenses or {}}
end)

if ok then finish(err, true) else finish({error = tostring(err)}, false) end
