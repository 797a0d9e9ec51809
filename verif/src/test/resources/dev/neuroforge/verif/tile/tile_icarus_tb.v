// Icarus Verilog testbench for the tile (TileIcarusTest): the tile at (1, 0), the host west of it.
// It runs a command list from +cmds=<file> ($readmemh, 96 bits a line: op[95:64], a[63:32],
// d[31:0]) as the host of a single-tile system does:
//   0 end ("END", two clocks later), 1 host write a <- d, 2 host read a ("READ a value"), 3 one-cycle tick,
//   4 send flit d on the west port (a[0] = last flit of the packet), 5 wait until the step is over
//   (idle_o, no flit queued, packets sent = received; "DONE n cycle", or "TIMEOUT" after a
//   cycles), 6 wait a cycles.
// Every flit leaving on the west port is printed ("FLIT data last"); a flit on any other mesh port
// is an error ("MISROUTE"). At every clock after reset every output port of the tile must be 0 or
// 1: the first x or z bit stops the run with "UNKNOWN <port> ...". "IDLE_ROSE n" counts the
// rising edges of idle_o.
`timescale 1ns/1ps
module tile_icarus_tb;
  localparam FW = 32;
  reg clk = 1'b0;
  reg rst_n = 1'b0;
  reg [95:0] cmd [0:65535];
  reg [1023:0] cmds;
  integer pc;
  integer cycle;
  integer host_sent;
  integer host_recv;
  integer idle_rose;
  integer dones;
  integer wait_start;
  reg idle_q;

  reg           host_req = 1'b0;
  reg           host_we = 1'b0;
  reg  [31:0]   host_addr = 32'h0;
  reg  [31:0]   host_wdata = 32'h0;
  wire [31:0]   host_rdata;
  reg           tick = 1'b0;
  reg           w_in_valid = 1'b0;
  reg  [FW-1:0] w_in_data = {FW{1'b0}};
  reg           w_in_last = 1'b0;
  wire          w_in_ready;
  wire          w_out_valid, w_out_last;
  wire [FW-1:0] w_out_data;
  wire          n_in_ready, e_in_ready, s_in_ready;
  wire          n_out_valid, e_out_valid, s_out_valid;
  wire          n_out_last, e_out_last, s_out_last;
  wire [FW-1:0] n_out_data, e_out_data, s_out_data;
  wire          idle, err;
  wire [31:0]   ev_sent, ev_recv;
  wire          irq_taken;
  wire [3:0]    irq_cause;
  wire        rvfi_valid;
  wire [63:0] rvfi_order;
  wire [31:0] rvfi_insn;
  wire        rvfi_trap;
  wire        rvfi_intr;
  wire [31:0] rvfi_pc_rdata;
  wire [31:0] rvfi_pc_wdata;
  wire [4:0]  rvfi_rs1_addr;
  wire [4:0]  rvfi_rs2_addr;
  wire [31:0] rvfi_rs1_rdata;
  wire [31:0] rvfi_rs2_rdata;
  wire [4:0]  rvfi_rd_addr;
  wire [31:0] rvfi_rd_wdata;
  wire [31:0] rvfi_mem_addr;
  wire [3:0]  rvfi_mem_rmask;
  wire [3:0]  rvfi_mem_wmask;
  wire [31:0] rvfi_mem_rdata;
  wire [31:0] rvfi_mem_wdata;

  TILE dut (
    .clk_i(clk), .rst_ni(rst_n), .x_i(4'd1), .y_i(4'd0),
    .n_in_valid_i(1'b0), .n_in_ready_o(n_in_ready), .n_in_data_i({FW{1'b0}}), .n_in_last_i(1'b0),
    .n_out_valid_o(n_out_valid), .n_out_ready_i(1'b1), .n_out_data_o(n_out_data), .n_out_last_o(n_out_last),
    .e_in_valid_i(1'b0), .e_in_ready_o(e_in_ready), .e_in_data_i({FW{1'b0}}), .e_in_last_i(1'b0),
    .e_out_valid_o(e_out_valid), .e_out_ready_i(1'b1), .e_out_data_o(e_out_data), .e_out_last_o(e_out_last),
    .s_in_valid_i(1'b0), .s_in_ready_o(s_in_ready), .s_in_data_i({FW{1'b0}}), .s_in_last_i(1'b0),
    .s_out_valid_o(s_out_valid), .s_out_ready_i(1'b1), .s_out_data_o(s_out_data), .s_out_last_o(s_out_last),
    .w_in_valid_i(w_in_valid), .w_in_ready_o(w_in_ready), .w_in_data_i(w_in_data), .w_in_last_i(w_in_last),
    .w_out_valid_o(w_out_valid), .w_out_ready_i(1'b1), .w_out_data_o(w_out_data), .w_out_last_o(w_out_last),
    .host_req_i(host_req), .host_we_i(host_we), .host_addr_i(host_addr), .host_wdata_i(host_wdata),
    .host_rdata_o(host_rdata), .tick_i(tick), .idle_o(idle), .ev_sent_o(ev_sent), .ev_recv_o(ev_recv),
    .err_o(err), .irq_taken_o(irq_taken), .irq_cause_o(irq_cause),
    .rvfi_valid_o(rvfi_valid), .rvfi_order_o(rvfi_order), .rvfi_insn_o(rvfi_insn), .rvfi_trap_o(rvfi_trap),
    .rvfi_intr_o(rvfi_intr), .rvfi_pc_rdata_o(rvfi_pc_rdata), .rvfi_pc_wdata_o(rvfi_pc_wdata),
    .rvfi_rs1_addr_o(rvfi_rs1_addr), .rvfi_rs2_addr_o(rvfi_rs2_addr), .rvfi_rs1_rdata_o(rvfi_rs1_rdata),
    .rvfi_rs2_rdata_o(rvfi_rs2_rdata), .rvfi_rd_addr_o(rvfi_rd_addr), .rvfi_rd_wdata_o(rvfi_rd_wdata),
    .rvfi_mem_addr_o(rvfi_mem_addr), .rvfi_mem_rmask_o(rvfi_mem_rmask), .rvfi_mem_wmask_o(rvfi_mem_wmask),
    .rvfi_mem_rdata_o(rvfi_mem_rdata), .rvfi_mem_wdata_o(rvfi_mem_wdata)
  );

  always #5 clk = ~clk;

  wire [95:0] c = cmd[pc];
  wire [31:0] op = c[95:64];
  wire [31:0] ca = c[63:32];
  wire [31:0] cd = c[31:0];
  reg reading;    // a host read is on the port this cycle
  reg show;       // its word is on host_rdata_o from the next edge
  reg [31:0] show_addr;
  reg waiting;    // inside a wait command (5 or 6)
  reg in_fire;    // sampled at the falling edge: the west input flit is taken at the next rising edge
  reg step_over;  // sampled at the falling edge: the step is over

  initial begin
    if (!$value$plusargs("cmds=%s", cmds)) begin
      $display("ERROR no +cmds=<file>");
      $finish;
    end
    $readmemh(cmds, cmd);
    pc = 0;
    cycle = 0;
    host_sent = 0;
    host_recv = 0;
    idle_rose = 0;
    dones = 0;
    wait_start = 0;
    idle_q = 1'b0;
    reading = 1'b0;
    show = 1'b0;
    waiting = 1'b0;
    in_fire = 1'b0;
    step_over = 1'b0;
    repeat (3) @(posedge clk);
    #1 rst_n = 1'b1;
  end

  // The command sequencer: inputs change 1 ns after the rising edge.
  always @(posedge clk) begin
    if (rst_n) begin
      cycle <= cycle + 1;
      show = reading;
      show_addr = host_addr;
      if (cycle > 5000000) begin
        $display("TIMEOUT overall at cycle %0d", cycle);
        $finish;
      end
      #1;
      reading = 1'b0;
      host_req = 1'b0;
      host_we = 1'b0;
      tick = 1'b0;
      if (w_in_valid && !in_fire) begin
        // hold the flit until the router takes it
      end else begin
        w_in_valid = 1'b0;
        w_in_last = 1'b0;
        case (op)
          0: begin
            // two more clocks, so that the last read is shown and the last outputs are checked
            if (!waiting) begin
              waiting = 1'b1;
              wait_start = cycle;
            end else if (cycle - wait_start >= 2) begin
              $display("IDLE_ROSE %0d", idle_rose);
              $display("END %0d cycles", cycle);
              $finish;
            end
          end
          1: begin host_req = 1'b1; host_we = 1'b1; host_addr = ca; host_wdata = cd; pc = pc + 1; end
          2: begin host_req = 1'b1; host_addr = ca; reading = 1'b1; pc = pc + 1; end
          3: begin tick = 1'b1; pc = pc + 1; end
          4: begin w_in_valid = 1'b1; w_in_data = cd[FW-1:0]; w_in_last = ca[0]; pc = pc + 1; end
          5: begin
            if (!waiting) begin
              // the first visit: step_over was sampled before the previous command took effect
              waiting = 1'b1;
              wait_start = cycle;
            end else if (step_over) begin
              $display("DONE %0d %0d", dones, cycle);
              dones = dones + 1;
              waiting = 1'b0;
              pc = pc + 1;
            end else if (cycle - wait_start > ca) begin
              $display("TIMEOUT waiting for step %0d at cycle %0d (idle %b sent %0d+%0d recv %0d+%0d)", dones,
                       cycle, idle, host_sent, ev_sent, host_recv, ev_recv);
              $finish;
            end
          end
          6: begin
            if (!waiting) begin
              waiting = 1'b1;
              wait_start = cycle;
            end else if (cycle - wait_start >= ca) begin
              waiting = 1'b0;
              pc = pc + 1;
            end
          end
          default: begin
            $display("ERROR bad command %h at %0d", op, pc);
            $finish;
          end
        endcase
      end
    end
  end

  // Checks in the middle of the low clock phase, when everything has settled.
  always @(negedge clk) begin
    if (rst_n) begin
      if (show) begin
        $display("READ %h %h", show_addr, host_rdata);
        show = 1'b0;
      end
      if (w_out_valid === 1'b1) begin
        $display("FLIT %h %0d", w_out_data, w_out_last);
        if (w_out_last) host_recv = host_recv + 1;
      end
      in_fire = w_in_valid && w_in_ready === 1'b1;
      if (in_fire && w_in_last) host_sent = host_sent + 1;
      step_over = idle === 1'b1 && !w_in_valid && host_sent + ev_sent == host_recv + ev_recv;
      if (idle === 1'b1 && idle_q === 1'b0) idle_rose = idle_rose + 1;
      idle_q = idle;
      if (^{n_in_ready, e_in_ready, s_in_ready, w_in_ready} === 1'bx) unknown("in_ready_o", 0);
      if (^{n_out_valid, e_out_valid, s_out_valid, w_out_valid} === 1'bx) unknown("out_valid_o", 0);
      if (^{n_out_last, e_out_last, s_out_last, w_out_last} === 1'bx) unknown("out_last_o", 0);
      if (^n_out_data === 1'bx) unknown("n_out_data_o", n_out_data);
      if (^e_out_data === 1'bx) unknown("e_out_data_o", e_out_data);
      if (^s_out_data === 1'bx) unknown("s_out_data_o", s_out_data);
      if (^w_out_data === 1'bx) unknown("w_out_data_o", w_out_data);
      if (^host_rdata === 1'bx) unknown("host_rdata_o", host_rdata);
      if (^{idle, err} === 1'bx) unknown("idle_o/err_o", {idle, err});
      if (^ev_sent === 1'bx) unknown("ev_sent_o", ev_sent);
      if (^ev_recv === 1'bx) unknown("ev_recv_o", ev_recv);
      if (^{irq_taken, irq_cause} === 1'bx) unknown("irq_taken_o/irq_cause_o", {irq_taken, irq_cause});
      if (^{rvfi_valid, rvfi_trap, rvfi_intr} === 1'bx) unknown("rvfi_valid/trap/intr_o", 0);
      if (^{rvfi_order, rvfi_insn, rvfi_pc_rdata, rvfi_pc_wdata, rvfi_rs1_addr, rvfi_rs2_addr, rvfi_rs1_rdata,
            rvfi_rs2_rdata, rvfi_rd_addr, rvfi_rd_wdata} === 1'bx) unknown("rvfi_* (pc, insn, registers)", rvfi_pc_rdata);
      if (^{rvfi_mem_addr, rvfi_mem_rmask, rvfi_mem_wmask, rvfi_mem_rdata, rvfi_mem_wdata} === 1'bx)
        unknown("rvfi_mem_*", rvfi_mem_addr);
      if (n_out_valid === 1'b1 || e_out_valid === 1'b1 || s_out_valid === 1'b1) begin
        $display("MISROUTE a flit on n/e/s at cycle %0d", cycle);
        $finish;
      end
    end
  end

  task unknown(input [8*32-1:0] name, input [63:0] value);
    begin
      $display("UNKNOWN %0s at cycle %0d (value %h, rvfi_valid %b, command %0d)", name, cycle, value, rvfi_valid, pc);
      $finish;
    end
  endtask
endmodule
