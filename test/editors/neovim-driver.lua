-- Drives Neovim's built-in LSP client against the README's configuration (loaded as init.lua):
-- waits for the diagnostics of the open compose file, asks for a hover, applies a quick fix
-- through Neovim's own code action path, then writes what it saw as JSON to $ELESTIO_NVIM_OUT.
local out = { steps = {} }
local buf = vim.api.nvim_get_current_buf()
out.filetype = vim.bo[buf].filetype

local function finish()
  local file = io.open(os.getenv("ELESTIO_NVIM_OUT"), "w")
  file:write(vim.fn.json_encode(out))
  file:close()
  vim.cmd("qa!")
end

local function step(name, ok)
  table.insert(out.steps, name .. (ok and "" or " timed out"))
  return ok
end

if not step("diagnostics", vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)) then return finish() end
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { code = d.code, source = d.source, severity = d.severity, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
end
out.clients = {}
for _, client in ipairs(vim.lsp.get_active_clients()) do table.insert(out.clients, client.name) end

-- Hover on `container_name` (line 4, zero-based 3).
local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = 3, character = 6 },
}, 10000)
for _, response in pairs(hover or {}) do
  if response.result then out.hover = response.result.contents.value end
end

-- The quick fix, chosen the way a user would from vim.ui.select.
out.actions = {}
vim.ui.select = function(items, opts, on_choice)
  local chosen
  for _, item in ipairs(items) do
    local title = opts.format_item(item)
    table.insert(out.actions, title)
    if title == "Remove container_name" then chosen = item end
  end
  on_choice(chosen)
end
local before = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
vim.api.nvim_win_set_cursor(0, { 4, 4 })
vim.lsp.buf.code_action()
if not step("edit", vim.wait(10000, function()
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") ~= before
end, 20)) then return finish() end
out.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
-- The server lints the edited text again: the fixed finding goes away.
step("republished", vim.wait(10000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "no-container-name" then return false end
  end
  return true
end, 20))
out.remaining = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(out.remaining, d.code) end
finish()
